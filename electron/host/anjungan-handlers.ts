// The host's side of the anjungan mandiri (decision 0026). The desk's channels issue PINs and
// register cards for a signed-in desk role; the resident's channels answer only a window in
// resident mode, whose session slot holds the resident the host verified (`pin:<NIK>` or
// `card:<NIK>`), never a staff member. The host, not the screen, says who the resident is and
// what they may do.
import {
  ANJUNGAN_IDLE_MS,
  residentRefusal,
  type ResidentProof,
} from '../../shared/anjungan/identity';
import type { ResidentPublic } from '../../shared/anjungan/identity';
import type { IpcChannel, IpcRequest, IpcResponse } from '../../shared/ipc';
import { ResidentCredentials } from './resident-credentials';
import { StaffError } from './staff-accounts';
import type { BridgeContext } from './staff-handlers';
import type { TicketPrinter } from './ticket-printer';

type AnjunganChannel = Extract<IpcChannel, `anjungan:${string}` | `resident:${string}`>;
export type AnjunganHandlers = {
  [C in AnjunganChannel]: (
    payload: IpcRequest<C>,
    ctx: BridgeContext,
  ) => IpcResponse<C> | Promise<IpcResponse<C>>;
};

/** A resident's session ends a little after the screen's own idle return, whatever the screen does. */
export const RESIDENT_SESSION_MS = ANJUNGAN_IDLE_MS + 30_000;

function residentWindow(ctx: BridgeContext): BridgeContext['session'] {
  if (ctx.mode !== 'anjungan') {
    throw new StaffError('Saluran ini hanya untuk jendela anjungan mandiri.', 409);
  }
  return ctx.session;
}

export function createAnjunganHandlers(
  credentials: ResidentCredentials,
  printer: TicketPrinter | null,
): AnjunganHandlers {
  /** The resident signed in on this anjungan window, or null (an idle session is ended). */
  function current(ctx: BridgeContext): ResidentPublic | null {
    const session = residentWindow(ctx);
    const held = /^(pin|card):(\d{16})$/.exec(session.staffId() ?? '');
    if (!held) return null;
    if (session.idleMs() > RESIDENT_SESSION_MS) {
      session.signOut();
      return null;
    }
    session.touch();
    return credentials.current(held[2]!, held[1] as ResidentProof);
  }

  function required(ctx: BridgeContext): ResidentPublic {
    const resident = current(ctx);
    if (!resident) throw new StaffError('Silakan masuk dengan NIK dan PIN atau kartu e-KTP.', 401);
    return resident;
  }

  return {
    'resident:issue-pin': ({ nik, name }) => credentials.issuePin(nik, name),
    'resident:register-card': ({ nik, name, uid }) => credentials.registerCard(nik, name, uid),
    'anjungan:login-pin': async ({ nik, pin }, ctx) => {
      const session = residentWindow(ctx);
      const resident = await credentials.verifyPin(nik, pin);
      session.signIn(`pin:${resident.nik}`);
      return resident;
    },
    'anjungan:login-card': ({ uid }, ctx) => {
      const session = residentWindow(ctx);
      const resident = credentials.verifyCard(uid);
      session.signIn(`card:${resident.nik}`);
      return resident;
    },
    'anjungan:change-pin': async ({ current: pin, next }, ctx) => {
      const resident = required(ctx);
      if (resident.proof !== 'pin') {
        throw new StaffError('Untuk mengganti PIN, masuk dengan NIK dan PIN.', 403);
      }
      return credentials.changePin(resident.nik, pin, next);
    },
    'anjungan:whoami': (_payload, ctx) => current(ctx),
    'anjungan:logout': (_payload, ctx) => {
      residentWindow(ctx).signOut();
      return null;
    },
    'anjungan:confirm': ({ action }, ctx) => {
      const resident = required(ctx);
      if (resident.mustChangePin) {
        throw new StaffError(
          'Ganti PIN dari meja layanan dengan PIN Anda sendiri lebih dulu.',
          403,
        );
      }
      const reason = residentRefusal(resident.proof, action);
      if (reason) throw new StaffError(reason, 403);
      return resident;
    },
    'anjungan:print': async (receipt, ctx) => {
      required(ctx);
      if (!printer) return { printed: false, printer: null };
      try {
        await printer.print(receipt);
      } catch (error) {
        throw new StaffError((error as Error).message, 502);
      }
      return { printed: true, printer: printer.address };
    },
  };
}
