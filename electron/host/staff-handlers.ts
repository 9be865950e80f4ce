// The bridge's staff channels: first-run setup, sign-in and out, and the administrator's staff
// list. Who may call each is declared in `CHANNEL_ACCESS` (shared/ipc.ts) and checked against the
// host's own session (staff-session.ts) before these run; what the renderer claims about itself
// is never consulted.
import type { IpcChannel, IpcRequest, IpcResponse } from '../../shared/ipc';
import type { SetupStatus, StaffPublic } from '../../shared/staff/accounts';
import type { VillageCode } from '../../shared/village';
import { ENV_NAMES, type ConfigStore } from './config-store';
import { StaffError, type StaffAccounts } from './staff-accounts';
import type { SessionSlot } from './staff-session';

export interface BridgeContext {
  session: SessionSlot;
  /** Who is signed in, for a channel whose door asks for staff (`CHANNEL_ACCESS`); otherwise null. */
  staff: StaffPublic | null;
  /** A window in resident mode (the anjungan mandiri) calls with its resident's slot as `session`. */
  mode?: BridgeMode;
}

export type BridgeMode = 'desk' | 'anjungan';

/** The staff member the door let through; a channel declared for `window` has none. */
export function doorStaff({ staff }: BridgeContext): StaffPublic {
  if (!staff)
    throw new Error('This channel is not declared for signed-in staff in CHANNEL_ACCESS.');
  return staff;
}

type StaffChannel = Extract<IpcChannel, `staff:${string}`>;
export type StaffHandlers = {
  [C in StaffChannel]: (
    payload: IpcRequest<C>,
    ctx: BridgeContext,
  ) => IpcResponse<C> | Promise<IpcResponse<C>>;
};

/**
 * The host ends a session left unused for a minute longer than the auto-lock: the renderer locks
 * at the auto-lock and, while staff work, reports activity at most once a minute (`staff:whoami`).
 * So a renderer whose lock never ran cannot keep acting for someone who walked away.
 */
export const HOST_IDLE_GRACE_MS = 60_000;

/**
 * The signed-in staff member, or null; a disabled account's session, or one idle past the
 * auto-lock, counts as signed out. Each answer counts as use of the session.
 */
export function signedIn(accounts: StaffAccounts, session: SessionSlot): StaffPublic | null {
  const id = session.staffId();
  if (!id) return null;
  if (session.idleMs() > accounts.autoLockMinutes * 60_000 + HOST_IDLE_GRACE_MS) {
    session.signOut();
    return null;
  }
  const staff = accounts.get(id);
  if (!staff || staff.disabled) return null;
  session.touch();
  return staff;
}

export function createStaffHandlers(accounts: StaffAccounts, store: ConfigStore): StaffHandlers {
  let settingUp = false;

  const status = (): SetupStatus => {
    const settings = store.settings();
    return {
      needed: !accounts.hasAdministrator(),
      villageCode: settings.villageCode,
      kioskId: settings.kioskId,
      villageName: accounts.villageName,
      fixed: { kiosk: store.kioskFixedByEnv(), regency: settings.regencySource === 'env' },
      regencyOrigin: settings.regency ? new URL(settings.regency.url).origin : null,
      autoLockMinutes: accounts.autoLockMinutes,
      regencySource: settings.regencySource,
      regencyUser: settings.regency?.username ?? null,
    };
  };

  return {
    'staff:setup-status': () => status(),
    'staff:setup': async (request, { session }) => {
      // Only ever once: afterwards accounts are an administrator's business.
      if (settingUp || !status().needed) {
        throw new StaffError('Kios ini sudah disiapkan; masuk sebagai administrator.', 409);
      }
      const current = status();
      if (
        current.fixed.kiosk &&
        (request.villageCode !== current.villageCode || request.kioskId !== current.kioskId)
      ) {
        throw new StaffError(
          `Kode desa dan ID kios sudah ditetapkan lewat ${ENV_NAMES.villageCode}/${ENV_NAMES.kioskId}.`,
          409,
        );
      }
      if (current.fixed.regency && request.regency) {
        throw new StaffError(
          `Server kabupaten sudah ditetapkan lewat variabel lingkungan ${ENV_NAMES.regencyUrl}.`,
          409,
        );
      }
      settingUp = true;
      try {
        // Everything that can be refused was checked above, so the writes below go through whole.
        if (!current.fixed.kiosk) {
          store.saveKiosk({
            villageCode: request.villageCode as VillageCode,
            kioskId: request.kioskId,
          });
        }
        if (request.regency) store.saveRegency(request.regency);
        accounts.setOffice({ villageName: request.villageName.trim() });
        const admin = await accounts.add(request.admin.name, 'administrator', request.admin.secret);
        session.signIn(admin.id);
        return admin;
      } finally {
        settingUp = false;
      }
    },
    'staff:names': () => accounts.list().filter((s) => !s.disabled),
    'staff:login': async ({ staffId, secret }, { session }) => {
      const staff = await accounts.verify(staffId, secret);
      session.signIn(staff.id);
      return staff;
    },
    'staff:logout': (_payload, { session }) => {
      session.signOut();
      return null;
    },
    'staff:whoami': (_payload, { session }) => signedIn(accounts, session),
    'staff:list': () => accounts.list(),
    'staff:add': ({ name, role, secret }) => accounts.add(name, role, secret),
    'staff:set-disabled': ({ staffId, disabled }, ctx) => {
      const admin = doorStaff(ctx);
      if (disabled && staffId === admin.id) {
        throw new StaffError('Anda tidak dapat menonaktifkan akun Anda sendiri.', 409);
      }
      return accounts.setDisabled(staffId, disabled);
    },
    'staff:reset-secret': ({ staffId, secret }) => accounts.resetSecret(staffId, secret),
    'staff:set-auto-lock': ({ minutes }) => {
      accounts.setOffice({ autoLockMinutes: minutes });
      return status();
    },
  };
}
