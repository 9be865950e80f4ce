// Who a resident at the anjungan mandiri (the residents' self-service kiosk) is, and what that
// lets them do. Two ways in: NIK + PIN, the PIN issued at the desk (printed once, changed at
// first use); or an e-KTP tap, the USB reader typing the chip's UID. A UID can be read off the
// card by anyone holding it, or guessed, so it only takes a queue number or shows status:
// anything that creates a request needs the PIN.
import { z } from 'zod';
import type { LockoutPolicy } from '../lockout';

export const RESIDENT_PIN_MIN = 6;
export const RESIDENT_PIN_MAX = 12;

/** The PIN a resident types: digits only (the on-screen keypad has no letters), 6–12 of them. */
export const residentPinSchema = z
  .string()
  .regex(/^\d*$/, 'PIN hanya berisi angka.')
  .min(RESIDENT_PIN_MIN, `PIN minimal ${RESIDENT_PIN_MIN} angka.`)
  .max(RESIDENT_PIN_MAX, `PIN maksimal ${RESIDENT_PIN_MAX} angka.`);

/**
 * A PIN the resident chooses at first use: not one a stranger tries first (all one digit, a run
 * up or down). The desk's printed PIN is random and never one of these.
 */
export const chosenPinSchema = residentPinSchema.refine(
  (pin) => !isObviousPin(pin),
  'PIN terlalu mudah ditebak (angka sama semua atau berurutan); pilih yang lain.',
);

export function isObviousPin(pin: string): boolean {
  const steps = [...pin].slice(1).map((d, i) => Number(d) - Number(pin[i]));
  return steps.every((s) => s === 0) || steps.every((s) => s === 1) || steps.every((s) => s === -1);
}

/** The UID an e-KTP reader types: 10–17 digits seen in the field (decimal of a 4–7 byte UID). */
export const cardUidSchema = z
  .string()
  .trim()
  .regex(/^\d{10,17}$/, 'Nomor kartu e-KTP harus 10–17 angka.');

/** How the resident at the screen proved who they are. */
export type ResidentProof = 'pin' | 'card';

export const RESIDENT_ACTIONS = ['queue.take', 'status.view', 'request.create'] as const;
export type ResidentAction = (typeof RESIDENT_ACTIONS)[number];

const NEEDS_PIN: readonly ResidentAction[] = ['request.create'];

/** Whether a resident signed in this way may take `action`. */
export function residentMay(proof: ResidentProof, action: ResidentAction): boolean {
  return proof === 'pin' || !NEEDS_PIN.includes(action);
}

/** Why not, in Bahasa Indonesia; null when allowed. */
export function residentRefusal(proof: ResidentProof, action: ResidentAction): string | null {
  if (residentMay(proof, action)) return null;
  return 'Kartu e-KTP saja hanya untuk nomor antrean dan melihat status. Untuk mengajukan surat, masuk dengan NIK dan PIN.';
}

/**
 * Residents' PINs lock sooner than staff's: three free failures, then a minute, doubling up to
 * an hour. A stranger at a public screen has all day; a resident who forgot asks at the desk.
 */
export const RESIDENT_LOCKOUT: LockoutPolicy = {
  freeFailures: 3,
  firstLockMs: 60_000,
  maxLockMs: 60 * 60_000,
};

/** The resident as the host tells the anjungan's screen: never the hash, never the card's UID. */
export const residentPublicSchema = z.object({
  nik: z.string().regex(/^\d{16}$/),
  name: z.string().max(120),
  proof: z.enum(['pin', 'card']),
  /** True while the desk's printed PIN has not been replaced by the resident's own. */
  mustChangePin: z.boolean(),
});
export type ResidentPublic = z.infer<typeof residentPublicSchema>;

/** How long the screen waits without a touch before it forgets the resident (the idle screen). */
export const ANJUNGAN_IDLE_MS = 60_000;
