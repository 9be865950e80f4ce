// The anjungan mandiri's channels of the kiosk bridge (spread into `ipcChannels` in ../ipc.ts):
// the desk issues a resident's PIN and registers their e-KTP card; the anjungan's window signs a
// resident in, lets them change the PIN, confirms what they may do, and prints their ticket.
import { z } from 'zod';
import { cardUidSchema, chosenPinSchema, residentPublicSchema, RESIDENT_ACTIONS } from './identity';
import { receiptSchema } from './receipt';

const nikField = z.string().regex(/^\d{16}$/, 'NIK harus 16 angka.');
const nameField = z.string().trim().min(1, 'Nama penduduk wajib diisi.').max(120);
/** What a resident types as a PIN at sign-in: checked as a PIN only against the stored hash. */
const typedPin = z.string().max(40);

export const anjunganChannels = {
  /** Desk: a new random PIN for a resident, shown once to print; the resident changes it. */
  'resident:issue-pin': {
    request: z.object({ nik: nikField, name: nameField }),
    response: z.object({ nik: z.string(), name: z.string(), pin: z.string() }),
  },
  /** Desk: the e-KTP card whose UID the reader typed now belongs to this resident. */
  'resident:register-card': {
    request: z.object({ nik: nikField, name: nameField, uid: cardUidSchema }),
    response: z.object({ nik: z.string(), name: z.string() }),
  },
  'anjungan:login-pin': {
    request: z.object({ nik: nikField, pin: typedPin }),
    response: residentPublicSchema,
  },
  'anjungan:login-card': {
    request: z.object({ uid: cardUidSchema }),
    response: residentPublicSchema,
  },
  'anjungan:change-pin': {
    request: z.object({ current: typedPin, next: chosenPinSchema }),
    response: residentPublicSchema,
  },
  'anjungan:whoami': { request: z.null(), response: residentPublicSchema.nullable() },
  'anjungan:logout': { request: z.null(), response: z.null() },
  /**
   * The host confirms the resident signed in on this window may take `action`, and logs it: the
   * screen writes only what the host has just confirmed, under the NIK the host knows.
   */
  'anjungan:confirm': {
    request: z.object({ action: z.enum(RESIDENT_ACTIONS) }),
    response: residentPublicSchema,
  },
  /** A queue ticket or a request receipt to the office's ESC/POS printer, if one is set up. */
  'anjungan:print': {
    request: receiptSchema,
    response: z.object({ printed: z.boolean(), printer: z.string().nullable() }),
  },
} as const;

type Channels = typeof anjunganChannels;
type Req<C extends keyof Channels> = z.infer<Channels[C]['request']>;
type Res<C extends keyof Channels> = z.infer<Channels[C]['response']>;

export interface AnjunganBridge {
  issueResidentPin(request: Req<'resident:issue-pin'>): Promise<Res<'resident:issue-pin'>>;
  registerResidentCard(
    request: Req<'resident:register-card'>,
  ): Promise<Res<'resident:register-card'>>;
  residentLoginPin(request: Req<'anjungan:login-pin'>): Promise<Res<'anjungan:login-pin'>>;
  residentLoginCard(request: Req<'anjungan:login-card'>): Promise<Res<'anjungan:login-card'>>;
  residentChangePin(request: Req<'anjungan:change-pin'>): Promise<Res<'anjungan:change-pin'>>;
  residentWhoami(): Promise<Res<'anjungan:whoami'>>;
  residentLogout(): Promise<Res<'anjungan:logout'>>;
  residentConfirm(request: Req<'anjungan:confirm'>): Promise<Res<'anjungan:confirm'>>;
  printReceipt(request: Req<'anjungan:print'>): Promise<Res<'anjungan:print'>>;
}

/** Channel → bridge function, for the preload and the browser bridge to build theirs from. */
export const ANJUNGAN_BRIDGE_FUNCTIONS = {
  issueResidentPin: 'resident:issue-pin',
  registerResidentCard: 'resident:register-card',
  residentLoginPin: 'anjungan:login-pin',
  residentLoginCard: 'anjungan:login-card',
  residentChangePin: 'anjungan:change-pin',
  residentWhoami: 'anjungan:whoami',
  residentLogout: 'anjungan:logout',
  residentConfirm: 'anjungan:confirm',
  printReceipt: 'anjungan:print',
} as const satisfies Record<keyof AnjunganBridge, keyof Channels>;

/** Where the anjungan's window lives on the app's origin; its bridge is `<this>api/<channel>`. */
export const ANJUNGAN_PATH = '/anjungan/';

/**
 * The only channels a window in resident mode may call: opening its database, and its own.
 * The host refuses every other channel to it, whoever else is signed in on the PC.
 */
export const ANJUNGAN_MODE_CHANNELS = [
  'kiosk:get-config',
  'db:pointer',
  'anjungan:login-pin',
  'anjungan:login-card',
  'anjungan:change-pin',
  'anjungan:whoami',
  'anjungan:logout',
  'anjungan:confirm',
  'anjungan:print',
] as const;
