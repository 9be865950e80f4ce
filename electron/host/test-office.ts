// Test support (imported by tests only, never by a shell): a village office on the real host
// bridge — a kiosk set up through the first-run channel, one staff member per role, and a caller
// per role that keeps its session cookie the way the renderer's window does. For tests of what
// the channels do once the door has let the right caller through (the door itself:
// tests/integration/host-channel-access.test.ts). Lives here because electron/ may not import tests/.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createBridgeHandlers,
  invokeBridge,
  type Bridge,
  type BridgeOutcome,
  type Shell,
} from './bridge-handlers';
import { ConfigStore, plainSecretCodec, type SecretCodec } from './config-store';
import type { LetterOutput } from './letter-print';
import { CookieSessions } from './staff-session';
import type { TicketPrinter } from './ticket-printer';
import { STAFF_ROLES, type StaffRole } from '../../shared/staff/roles';

export const OFFICE_VILLAGE = '3510172001';
export const OFFICE_KIOSK = 'k1';
/** Every account's PIN in the office. */
export const OFFICE_PIN = '246810';
/** Who each role is in the office. */
export const OFFICE_NAMES: Record<StaffRole, string> = {
  administrator: 'Admin Desa',
  operator: 'Siti Operator',
  bendahara: 'Bu Bendahara',
  sekretaris: 'Pak Sekdes',
  'kepala-desa': 'Hj. Sulastri',
};

/** One caller: a window with its own session, calling `channel` with `payload` (default null). */
export type BridgeCaller = (channel: string, payload?: unknown) => Promise<BridgeOutcome>;

export interface BridgeOffice {
  store: ConfigStore;
  bridge: Bridge;
  /** The staff id of each role's account (of those the office was given). */
  ids: Record<StaffRole, string>;
  /** A window nobody is signed in at. */
  nobody(): BridgeCaller;
  /** A window the role's account has just signed in at. */
  signedInAs(role: StaffRole): Promise<BridgeCaller>;
  /** A window in resident mode (the anjungan mandiri), with a resident session of its own. */
  anjungan(): BridgeCaller;
}

export interface BridgeOfficeOptions {
  shell?: Shell;
  /** The village; OFFICE_VILLAGE by default. */
  villageCode?: string;
  /** BALAI_* overrides; the village and kiosk are fixed to the office's. */
  env?: Record<string, string>;
  letterOutput?: LetterOutput;
  codec?: SecretCodec;
  /** The data dir; a fresh temporary one by default. */
  dataDir?: string;
  /** The roles with an account besides the administrator (every hash costs): all by default. */
  roles?: readonly StaffRole[];
  /** The anjungan's receipt printer; none by default. */
  ticketPrinter?: TicketPrinter;
}

export async function bridgeOffice(options: BridgeOfficeOptions = {}): Promise<BridgeOffice> {
  const root = mkdtempSync(join(tmpdir(), 'balai-office-'));
  const villageCode = options.villageCode ?? OFFICE_VILLAGE;
  const store = new ConfigStore({
    dataDir: options.dataDir ?? join(root, 'data'),
    env: { ...options.env, BALAI_VILLAGE_CODE: villageCode, BALAI_KIOSK_ID: OFFICE_KIOSK },
    defaultHubDir: join(root, 'hub'),
    codec: options.codec ?? plainSecretCodec,
    warn: () => undefined,
  });
  const bridge = createBridgeHandlers(
    store,
    options.shell ?? 'browser',
    options.letterOutput,
    undefined,
    options.ticketPrinter ?? null,
  );
  const sessions = new CookieSessions();
  const residentSessions = new CookieSessions(Date.now, { name: 'balai_resident', path: '/' });
  const window = (mode: 'desk' | 'anjungan' = 'desk'): BridgeCaller => {
    let cookie = '';
    return async (channel, payload = null) => {
      const { slot, setCookie } = (mode === 'anjungan' ? residentSessions : sessions).slot(cookie);
      const out = await invokeBridge(bridge, channel, payload, slot, mode);
      cookie = setCookie()?.split(';')[0] ?? cookie;
      return out;
    };
  };
  const valueOf = (out: BridgeOutcome): { id: string } => {
    if (!out.ok) throw new Error(`The office could not be set up: ${out.error}`);
    return out.value as { id: string };
  };

  const admin = window();
  const ids = {
    administrator: valueOf(
      await admin('staff:setup', {
        villageCode,
        kioskId: OFFICE_KIOSK,
        villageName: 'Sumberrejo',
        admin: { name: OFFICE_NAMES.administrator, secret: OFFICE_PIN },
        regency: null,
      }),
    ).id,
  } as Record<StaffRole, string>;
  for (const role of (options.roles ?? STAFF_ROLES).filter((r) => r !== 'administrator')) {
    const added = await admin('staff:add', { name: OFFICE_NAMES[role], role, secret: OFFICE_PIN });
    ids[role] = valueOf(added).id;
  }
  await admin('staff:logout');

  return {
    store,
    bridge,
    ids,
    nobody: () => window(),
    anjungan: () => window('anjungan'),
    signedInAs: async (role) => {
      const caller = window();
      valueOf(await caller('staff:login', { staffId: ids[role], secret: OFFICE_PIN }));
      return caller;
    },
  };
}
