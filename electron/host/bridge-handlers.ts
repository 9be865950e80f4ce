// The host side of the bridge: one handler per channel of `shared/ipc.ts`. `invokeBridge` is the
// one door: it checks the caller against the channel's declared access (`CHANNEL_ACCESS`: the
// host's window only, or a signed-in role) before anything else, validates the payload against
// the channel's schema, and every answer against its response schema, which also strips anything
// not in the contract (the password can never leak). Both shells call it: Electron from
// `ipcMain.handle`, the browser kiosk from `POST /api/<channel>`.
import { dirname } from 'node:path';
import { z } from 'zod';
import {
  CHANNEL_ACCESS,
  ipcChannels,
  type IpcChannel,
  type IpcResponse,
  type KioskConfig,
} from '../../shared/ipc';
import { ANJUNGAN_MODE_CHANNELS } from '../../shared/anjungan/channels';
import { signLetter, importSigningKey } from '../../shared/letters/signing';
import type { StaffPublic } from '../../shared/staff/accounts';
import { refusal } from '../../shared/staff/permissions';
import { createAnjunganHandlers } from './anjungan-handlers';
import { createBackupHandlers } from './backup-handlers';
import { BackupStore } from './backup-store';
import { ENV_NAMES, type ConfigStore, type KioskSettings } from './config-store';
import { issuedPdfProblem } from './issued-pdf';
import { browserLetterOutput, PrintFailure, type LetterOutput } from './letter-print';
import { ResidentCredentials } from './resident-credentials';
import { StaffAccounts, StaffError } from './staff-accounts';
import {
  createStaffHandlers,
  doorStaff,
  signedIn,
  type BridgeContext,
  type BridgeMode,
} from './staff-handlers';
import type { TicketPrinter } from './ticket-printer';
import { NO_SESSION, type SessionSlot } from './staff-session';

export type Shell = KioskConfig['shell'];

type Handlers = {
  [C in IpcChannel]: (
    payload: z.infer<(typeof ipcChannels)[C]['request']>,
    ctx: BridgeContext,
  ) => IpcResponse<C> | Promise<IpcResponse<C>>;
};

/** The handlers, and how the door finds who is signed in on a session. */
export interface Bridge {
  handlers: Handlers;
  signedIn(session: SessionSlot): StaffPublic | null;
}

export type BridgeOutcome =
  { ok: true; value: unknown } | { ok: false; status: number; error: string };

/** Indonesian messages for zod's own checks (the contract's custom messages are Indonesian already). */
const indonesianErrors = z.locales.id().localeError;

export function isIpcChannel(name: string): name is IpcChannel {
  return Object.hasOwn(ipcChannels, name);
}

export function kioskConfigOf(settings: KioskSettings, shell: Shell): KioskConfig {
  return {
    villageCode: settings.villageCode,
    kioskId: settings.kioskId,
    regencyOrigin: settings.regency ? new URL(settings.regency.url).origin : null,
    shell,
  };
}

/** A request the host declines for a reason staff can act on; the message is shown to them. */
export class BridgeRefusal extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export function createBridgeHandlers(
  store: ConfigStore,
  shell: Shell,
  /** Printing and PDFs of archived letters: Electron's, or none in the browser kiosk. */
  letterOutput: LetterOutput = browserLetterOutput,
  // Staff accounts live beside config.json (decision 0008).
  staff = new StaffAccounts(dirname(store.file)),
  /** The anjungan's network receipt printer (ticket-printer.ts), or none: the browser prints. */
  ticketPrinter: TicketPrinter | null = null,
): Bridge {
  // The imported key, kept while the store's key stays the same (setup may hand over a new one).
  let signing: { privateKey: string; key: ReturnType<typeof importSigningKey> } | null = null;
  const handlers: Handlers = {
    ...createStaffHandlers(staff, store),
    ...createAnjunganHandlers(new ResidentCredentials(dirname(store.file)), ticketPrinter),
    ...createBackupHandlers({
      backups: new BackupStore(dirname(store.file)),
      kiosk: () => store.settings(),
    }),
    'letters:sign': async (claims, ctx) => {
      // The signed-in sekretaris or kepala desa the door let through, under the name the host knows.
      const signer = doorStaff(ctx);
      claims = { ...claims, signerName: signer.name };
      const letterKey = store.letterKey();
      if (!letterKey) {
        throw new BridgeRefusal(
          'Kios ini belum memegang kunci tanda tangan surat (dari penyiapan kios oleh kabupaten, atau BALAI_LETTER_KEY); surat tidak dapat ditandatangani.',
          409,
        );
      }
      if (signing?.privateKey !== letterKey.privateKey) {
        signing = { privateKey: letterKey.privateKey, key: importSigningKey(letterKey.privateKey) };
      }
      const payload = await signLetter(
        { ...claims, villageCode: store.settings().villageCode, keyId: letterKey.keyId },
        await signing.key,
      );
      return { payload };
    },
    'letters:print': (request) => refusingPrintFailures(letterOutput.print(request)),
    'letters:pdf': (request) => refusingPrintFailures(letterOutput.pdf(request)),
    'dukcapil:print-pdf': (request) => {
      // Checked in both shells: a file that is not what Dukcapil issued is never printed.
      const problem = issuedPdfProblem(request);
      if (problem) throw new BridgeRefusal(problem, 422);
      return refusingPrintFailures(letterOutput.printIssuedPdf(request));
    },
    'kiosk:get-config': () => kioskConfigOf(store.settings(), shell),
    'kiosk:set-regency': (connection) => {
      // Saving would have no effect while the environment wins; say so instead of pretending.
      if (store.settings().regencySource === 'env') {
        throw new BridgeRefusal(
          `Server kabupaten sudah ditetapkan lewat variabel lingkungan ${ENV_NAMES.regencyUrl}; ubah di sana.`,
          409,
        );
      }
      return kioskConfigOf(store.saveRegency(connection), shell);
    },
  };
  return { handlers, signedIn: (session) => signedIn(staff, session) };
}

/** A printer that failed or is missing is for staff to fix, not an internal error. */
async function refusingPrintFailures<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof PrintFailure) throw new BridgeRefusal(error.message, 502);
    throw error;
  }
}

export async function invokeBridge(
  bridge: Bridge,
  channel: string,
  payload: unknown,
  session: SessionSlot = NO_SESSION,
  /** 'anjungan': a window in resident mode, whose `session` holds a resident (decision 0026). */
  mode: BridgeMode = 'desk',
): Promise<BridgeOutcome> {
  if (!isIpcChannel(channel))
    return { ok: false, status: 404, error: `Saluran "${channel}" tidak dikenal.` };
  // Resident mode calls its own few channels and nothing else, before any other check.
  if (mode === 'anjungan' && !(ANJUNGAN_MODE_CHANNELS as readonly string[]).includes(channel)) {
    return {
      ok: false,
      status: 403,
      error: `Anjungan mandiri tidak boleh memakai saluran "${channel}".`,
    };
  }
  // The door, before the payload is even read. Only a channel that asks for staff looks the
  // session up: that counts as use of it, and the kiosk's routine calls must not keep it alive.
  const access = CHANNEL_ACCESS[channel];
  let staff: StaffPublic | null = null;
  if (access.who === 'staff') {
    staff = bridge.signedIn(session);
    if (!staff) return { ok: false, status: 401, error: 'Silakan masuk (login) terlebih dahulu.' };
    const reason = refusal(staff.role, access.action);
    if (reason) return { ok: false, status: 403, error: reason };
  }
  const { request, response } = ipcChannels[channel];
  const parsed = request.safeParse(payload, { error: indonesianErrors });
  if (!parsed.success) {
    return {
      ok: false,
      status: 400,
      error: `Data tidak sah: ${describeIssues(parsed.error.issues)}`,
    };
  }
  try {
    // The cast pairs the channel's validated payload with its own handler.
    const handler = bridge.handlers[channel] as (payload: unknown, ctx: BridgeContext) => unknown;
    return {
      ok: true,
      value: response.parse(await handler(parsed.data, { session, staff, mode })),
    };
  } catch (error) {
    if (error instanceof BridgeRefusal || error instanceof StaffError)
      return { ok: false, status: error.status, error: error.message };
    console.error(`Bridge channel ${channel} failed:`, error);
    return {
      ok: false,
      status: 500,
      error: 'Terjadi kesalahan di dalam kios; lihat catatan (log) kios.',
    };
  }
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const sentences = issues.map((issue) => {
    const message = issue.message.replace(/\.$/, '');
    return issue.path.length > 0 ? `${issue.path.join('.')}: ${message}` : message;
  });
  return `${sentences.join('; ')}.`;
}
