// Residents' anjungan credentials, held by the host in `anjungan-residents.json` beside
// config.json and never synced, as staff secrets are (decision 0008): the PIN the desk issued
// (scrypt, like staff secrets), whether it was changed at first use, the failures and lock, and
// the e-KTP cards registered to the resident (SHA-256 of the UID: a lookup key, not a secret).
import { createHash, randomInt } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import {
  parseJsonOrUndefined,
  readTextIfExists,
  writePrivateFile,
} from '../../node-shared/private-files';
import {
  isObviousPin,
  RESIDENT_LOCKOUT,
  RESIDENT_PIN_MIN,
  type ResidentProof,
  type ResidentPublic,
} from '../../shared/anjungan/identity';
import { lockDuration, waitInWords } from '../../shared/lockout';
import { hashSchema, hashSecret, secretMatches, StaffError } from './staff-accounts';

export const RESIDENTS_FILE_NAME = 'anjungan-residents.json';

const residentSchema = z.object({
  nik: z.string(),
  name: z.string(),
  pin: hashSchema.nullable(),
  mustChangePin: z.boolean(),
  failures: z.number().int().min(0),
  lockedUntil: z.number().nullable(),
  cards: z.array(z.string()),
});
type Resident = z.infer<typeof residentSchema>;

const fileSchema = z.looseObject({ version: z.literal(1), residents: z.array(residentSchema) });
type ResidentsFile = z.infer<typeof fileSchema>;

function cardKey(uid: string): string {
  return createHash('sha256').update(`balai-ektp:${uid.trim()}`).digest('hex');
}

/** A random PIN the desk prints once: never an obvious one. */
export function newResidentPin(length = RESIDENT_PIN_MIN): string {
  for (;;) {
    const pin = Array.from({ length }, () => String(randomInt(10))).join('');
    if (!isObviousPin(pin)) return pin;
  }
}

export class ResidentCredentials {
  readonly file: string;
  private data: ResidentsFile;
  private decoy: ReturnType<typeof hashSecret> | null = null;

  constructor(
    dataDir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.file = join(dataDir, RESIDENTS_FILE_NAME);
    this.data = load(this.file);
  }

  /** A new PIN for the resident (replacing any earlier one), to be changed at first use. */
  async issuePin(nik: string, name: string): Promise<{ nik: string; name: string; pin: string }> {
    const pin = newResidentPin();
    const hash = await hashSecret(pin);
    this.upsert(nik, name, { pin: hash, mustChangePin: true, failures: 0, lockedUntil: null });
    return { nik, name, pin };
  }

  /** The card now belongs to this resident (taken from anyone it was registered to before). */
  registerCard(nik: string, name: string, uid: string): { nik: string; name: string } {
    const key = cardKey(uid);
    this.data = {
      ...this.data,
      residents: this.data.residents.map((r) => ({
        ...r,
        cards: r.cards.filter((c) => c !== key),
      })),
    };
    const current = this.find(nik);
    this.upsert(nik, name, { cards: [...(current?.cards ?? []), key] });
    return { nik, name };
  }

  /** The resident if the PIN is right; otherwise a refusal saying why (and for how long). */
  async verifyPin(nik: string, pin: string): Promise<ResidentPublic> {
    const resident = this.find(nik);
    if (!resident?.pin) {
      this.decoy ??= hashSecret('decoy-pin');
      await secretMatches(pin, await this.decoy);
      throw new StaffError(
        'NIK ini belum terdaftar di anjungan. Minta PIN di meja layanan dengan membawa KTP.',
        401,
      );
    }
    const now = this.now();
    if (resident.lockedUntil !== null && resident.lockedUntil > now) {
      throw new StaffError(lockedMessage(resident.lockedUntil - now), 429);
    }
    const matches = await secretMatches(pin, resident.pin);
    // Read again after the slow hash: guesses sent in parallel must each count.
    const current = this.find(nik)!;
    if (matches) {
      if (current.failures > 0) this.upsert(nik, current.name, { failures: 0, lockedUntil: null });
      return publicOf(current, 'pin');
    }
    const failures = current.failures + 1;
    const lockMs = lockDuration(RESIDENT_LOCKOUT, failures);
    this.upsert(nik, current.name, { failures, lockedUntil: lockMs ? now + lockMs : null });
    if (lockMs) throw new StaffError(lockedMessage(lockMs), 429);
    throw new StaffError(
      `PIN salah. Sisa percobaan sebelum dikunci: ${RESIDENT_LOCKOUT.freeFailures - failures}.`,
      401,
    );
  }

  verifyCard(uid: string): ResidentPublic {
    const key = cardKey(uid);
    const resident = this.data.residents.find((r) => r.cards.includes(key));
    if (!resident) {
      throw new StaffError(
        'Kartu e-KTP ini belum terdaftar di anjungan. Daftarkan di meja layanan.',
        401,
      );
    }
    return publicOf(resident, 'card');
  }

  /** The resident's own PIN in place of the desk's, after the current one is checked. */
  async changePin(nik: string, current: string, next: string): Promise<ResidentPublic> {
    await this.verifyPin(nik, current);
    if (next === current) throw new StaffError('PIN baru harus berbeda dari PIN lama.', 400);
    const hash = await hashSecret(next);
    return publicOf(
      this.upsert(nik, this.find(nik)!.name, { pin: hash, mustChangePin: false }),
      'pin',
    );
  }

  /** The resident as the host knows them now, for a session that proved itself with `proof`. */
  current(nik: string, proof: ResidentProof): ResidentPublic | null {
    const resident = this.find(nik);
    return resident ? publicOf(resident, proof) : null;
  }

  private find(nik: string): Resident | undefined {
    return this.data.residents.find((r) => r.nik === nik);
  }

  private upsert(nik: string, name: string, change: Partial<Resident>): Resident {
    const existing = this.find(nik);
    const next: Resident = {
      ...(existing ?? {
        nik,
        name,
        pin: null,
        mustChangePin: false,
        failures: 0,
        lockedUntil: null,
        cards: [],
      }),
      name,
      ...change,
    };
    const residents = existing
      ? this.data.residents.map((r) => (r.nik === nik ? next : r))
      : [...this.data.residents, next];
    this.data = { ...this.data, residents };
    writePrivateFile(this.file, `${JSON.stringify(this.data, null, 2)}\n`);
    return next;
  }
}

function publicOf(r: Resident, proof: ResidentProof): ResidentPublic {
  return { nik: r.nik, name: r.name, proof, mustChangePin: proof === 'pin' && r.mustChangePin };
}

function lockedMessage(ms: number): string {
  return `Terlalu banyak PIN salah. Akun anjungan dikunci; coba lagi dalam ${waitInWords(ms)}, atau minta PIN baru di meja layanan.`;
}

function load(file: string): ResidentsFile {
  const text = readTextIfExists(file);
  if (text === null) return { version: 1, residents: [] };
  const parsed = fileSchema.safeParse(parseJsonOrUndefined(text));
  // A damaged file must not become an empty one: that would silently unlock every resident's
  // lock and forget every card. The anjungan's channels refuse until it is restored.
  if (!parsed.success) {
    throw new StaffError(`${file} rusak; pulihkan dari cadangan sebelum anjungan dipakai.`, 500);
  }
  return parsed.data;
}
