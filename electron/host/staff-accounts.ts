// The kiosk's staff accounts, held by the host in `staff.json` beside config.json and never
// synced (decision 0008): a PIN guards one office PC, and a hash of it has no business in every
// kiosk and at the regency. Secrets are hashed with scrypt (per-account salt), compared in
// constant time, and repeated failures lock the account for a growing while.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import {
  parseJsonOrUndefined,
  readTextIfExists,
  writePrivateFile,
} from '../../node-shared/private-files';
import {
  AUTO_LOCK_DEFAULT_MINUTES,
  staffRoleSchema,
  type StaffPublic,
} from '../../shared/staff/accounts';
import { lockDuration, waitInWords } from '../../shared/lockout';
import type { StaffRole } from '../../shared/staff/roles';

export const STAFF_FILE_NAME = 'staff.json';

/** ~30 MiB and ~0.1 s per guess on an office PC: slow for a thief with the file, fine at the desk. */
export const KDF_PARAMS = { N: 2 ** 15, r: 8, p: 1, keyLength: 32 } as const;

/** Free failures before the account locks; each further one doubles the wait, up to the cap. */
export const FREE_FAILURES = 5;
export const FIRST_LOCK_MS = 30_000;
export const MAX_LOCK_MS = 15 * 60_000;

/** A scrypt hash as stored: staff secrets, and residents' anjungan PINs. */
export const hashSchema = z.object({
  kdf: z.literal('scrypt'),
  N: z.number().int(),
  r: z.number().int(),
  p: z.number().int(),
  salt: z.string(),
  hash: z.string(),
});
type SecretHash = z.infer<typeof hashSchema>;

const accountSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: staffRoleSchema,
  disabled: z.boolean(),
  secret: hashSchema,
  failures: z.number().int().min(0),
  lockedUntil: z.number().nullable(),
  createdAt: z.string(),
});
type Account = z.infer<typeof accountSchema>;

const fileSchema = z.looseObject({
  version: z.literal(1),
  villageName: z.string().default(''),
  autoLockMinutes: z.number().int().default(AUTO_LOCK_DEFAULT_MINUTES),
  accounts: z.array(accountSchema),
});
type StaffFile = z.infer<typeof fileSchema>;

/** A refusal staff can act on; the message is in Bahasa Indonesia. */
export class StaffError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

function scrypt(secret: string, salt: Buffer, p: Omit<SecretHash, 'kdf' | 'salt' | 'hash'>) {
  return new Promise<Buffer>((done, fail) =>
    scryptCallback(
      secret.normalize('NFC'),
      salt,
      KDF_PARAMS.keyLength,
      { N: p.N, r: p.r, p: p.p, maxmem: 256 * p.N * p.r },
      (error, key) => (error ? fail(error) : done(key)),
    ),
  );
}

export async function hashSecret(secret: string): Promise<SecretHash> {
  const salt = randomBytes(16);
  const { N, r, p } = KDF_PARAMS;
  const key = await scrypt(secret, salt, { N, r, p });
  return { kdf: 'scrypt', N, r, p, salt: salt.toString('base64'), hash: key.toString('base64') };
}

export async function secretMatches(secret: string, stored: SecretHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const key = await scrypt(secret, Buffer.from(stored.salt, 'base64'), stored);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** How long an account stays locked after `failures` wrong secrets in a row. */
export function lockDurationMs(failures: number): number {
  return lockDuration(
    { freeFailures: FREE_FAILURES, firstLockMs: FIRST_LOCK_MS, maxLockMs: MAX_LOCK_MS },
    failures,
  );
}

export function publicOf(a: Account): StaffPublic {
  return { id: a.id, name: a.name, role: a.role, disabled: a.disabled };
}

export class StaffAccounts {
  readonly file: string;
  private data: StaffFile;
  /** Compared against when the name is unknown, so a wrong name costs as long as a wrong PIN. */
  private decoy: Promise<SecretHash> | null = null;

  constructor(
    dataDir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.file = join(dataDir, STAFF_FILE_NAME);
    this.data = loadFile(this.file);
  }

  get villageName(): string {
    return this.data.villageName;
  }

  get autoLockMinutes(): number {
    return this.data.autoLockMinutes;
  }

  /** Setup is done once an active administrator exists. */
  hasAdministrator(): boolean {
    return this.data.accounts.some((a) => a.role === 'administrator' && !a.disabled);
  }

  list(): StaffPublic[] {
    return this.data.accounts.map(publicOf);
  }

  get(id: string): StaffPublic | null {
    const a = this.data.accounts.find((x) => x.id === id);
    return a ? publicOf(a) : null;
  }

  async add(name: string, role: StaffRole, secret: string): Promise<StaffPublic> {
    const clean = name.trim().replace(/\s+/g, ' ');
    if (this.data.accounts.some((a) => a.name.toLowerCase() === clean.toLowerCase())) {
      throw new StaffError(`Petugas bernama "${clean}" sudah ada.`, 409);
    }
    const account: Account = {
      id: randomBytes(6).toString('hex'),
      name: clean,
      role,
      disabled: false,
      secret: await hashSecret(secret),
      failures: 0,
      lockedUntil: null,
      createdAt: new Date(this.now()).toISOString(),
    };
    this.save({ ...this.data, accounts: [...this.data.accounts, account] });
    return publicOf(account);
  }

  setDisabled(id: string, disabled: boolean): StaffPublic {
    const target = this.account(id);
    if (disabled && target.role === 'administrator' && !target.disabled) {
      const others = this.data.accounts.filter(
        (a) => a.role === 'administrator' && !a.disabled && a.id !== id,
      );
      if (others.length === 0) {
        throw new StaffError('Administrator terakhir tidak dapat dinonaktifkan.', 409);
      }
    }
    return this.update(id, { disabled });
  }

  async resetSecret(id: string, secret: string): Promise<StaffPublic> {
    this.account(id);
    const hash = await hashSecret(secret);
    return this.update(id, { secret: hash, failures: 0, lockedUntil: null });
  }

  setOffice(change: { villageName?: string; autoLockMinutes?: number }): void {
    this.save({ ...this.data, ...change });
  }

  /** The account if the secret is right; otherwise a StaffError saying why (and for how long). */
  async verify(id: string, secret: string): Promise<StaffPublic> {
    const account = this.data.accounts.find((a) => a.id === id && !a.disabled);
    if (!account) {
      this.decoy ??= hashSecret('decoy-secret');
      await secretMatches(secret, await this.decoy);
      throw new StaffError('Petugas tidak dikenal atau sudah dinonaktifkan.', 401);
    }
    const now = this.now();
    if (account.lockedUntil !== null && account.lockedUntil > now) {
      throw new StaffError(lockedMessage(account.lockedUntil - now), 429);
    }
    const matches = await secretMatches(secret, account.secret);
    // Read again after the slow hash: guesses sent in parallel must each count.
    const current = this.account(id);
    if (matches) {
      if (current.failures > 0) this.update(id, { failures: 0, lockedUntil: null });
      return publicOf(current);
    }
    const failures = current.failures + 1;
    const lockMs = lockDurationMs(failures);
    this.update(id, { failures, lockedUntil: lockMs ? now + lockMs : null });
    if (lockMs) throw new StaffError(lockedMessage(lockMs), 429);
    throw new StaffError(
      `PIN atau kata sandi salah. Sisa percobaan sebelum akun dikunci: ${FREE_FAILURES - failures}.`,
      401,
    );
  }

  private account(id: string): Account {
    const a = this.data.accounts.find((x) => x.id === id);
    if (!a) throw new StaffError('Petugas tidak ditemukan.', 404);
    return a;
  }

  private update(id: string, change: Partial<Account>): StaffPublic {
    const accounts = this.data.accounts.map((a) => (a.id === id ? { ...a, ...change } : a));
    this.save({ ...this.data, accounts });
    return publicOf(this.account(id));
  }

  private save(next: StaffFile): void {
    writePrivateFile(this.file, `${JSON.stringify(next, null, 2)}\n`);
    this.data = next;
  }
}

function lockedMessage(ms: number): string {
  return `Terlalu banyak percobaan salah. Akun dikunci; coba lagi dalam ${waitInWords(ms)}.`;
}

function loadFile(file: string): StaffFile {
  const text = readTextIfExists(file);
  if (text === null) {
    return {
      version: 1,
      villageName: '',
      autoLockMinutes: AUTO_LOCK_DEFAULT_MINUTES,
      accounts: [],
    };
  }
  // Unlike config.json, a damaged staff file must stop the kiosk: running on without it would
  // reopen the first-run wizard and let anyone create an administrator.
  const parsed = fileSchema.safeParse(parseJsonOrUndefined(text));
  if (!parsed.success) {
    throw new StaffError(`${file} rusak; pulihkan dari cadangan sebelum kios dijalankan.`, 500);
  }
  return parsed.data;
}
