import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FIRST_LOCK_MS,
  FREE_FAILURES,
  MAX_LOCK_MS,
  StaffAccounts,
  StaffError,
  hashSecret,
  lockDurationMs,
  secretMatches,
} from './staff-accounts';

const dir = () => mkdtempSync(join(tmpdir(), 'balai-staff-'));

async function refusal(p: Promise<unknown>): Promise<StaffError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StaffError);
  return error as StaffError;
}

describe('the KDF', () => {
  it('accepts the right secret only, with a fresh salt per hash', async () => {
    const a = await hashSecret('246810');
    const b = await hashSecret('246810');
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(a).toMatchObject({ kdf: 'scrypt', N: 2 ** 15, r: 8, p: 1 });
    expect(await secretMatches('246810', a)).toBe(true);
    expect(await secretMatches('246811', a)).toBe(false);
    expect(await secretMatches('24681', a)).toBe(false);
  });
});

describe('lockout', () => {
  it('doubles the wait after the free failures, up to the cap', () => {
    expect(lockDurationMs(FREE_FAILURES - 1)).toBe(0);
    expect(lockDurationMs(FREE_FAILURES)).toBe(FIRST_LOCK_MS);
    expect(lockDurationMs(FREE_FAILURES + 1)).toBe(2 * FIRST_LOCK_MS);
    expect(lockDurationMs(FREE_FAILURES + 20)).toBe(MAX_LOCK_MS);
  });

  it('locks after repeated failures, refuses even the right PIN meanwhile, and survives a restart', async () => {
    let now = Date.parse('2026-11-29T08:00:00Z');
    const data = dir();
    const accounts = new StaffAccounts(data, () => now);
    const siti = await accounts.add('Siti Aminah', 'operator', '135790');
    for (let i = 1; i < FREE_FAILURES; i++) {
      const e = await refusal(accounts.verify(siti.id, '000000'));
      expect(e.status).toBe(401);
      expect(e.message).toContain(`Sisa percobaan sebelum akun dikunci: ${FREE_FAILURES - i}`);
    }
    expect((await refusal(accounts.verify(siti.id, '000000'))).status).toBe(429);

    // A restarted kiosk remembers the lock.
    const again = new StaffAccounts(data, () => now);
    const locked = await refusal(again.verify(siti.id, '135790'));
    expect(locked.status).toBe(429);
    expect(locked.message).toMatch(/coba lagi dalam 30 detik/);

    now += FIRST_LOCK_MS;
    expect(await again.verify(siti.id, '135790')).toMatchObject({ name: 'Siti Aminah' });
    // Success clears the count: the next mistake is the first again.
    expect((await refusal(again.verify(siti.id, '000000'))).message).toContain(
      `Sisa percobaan sebelum akun dikunci: ${FREE_FAILURES - 1}`,
    );
  });

  it('counts guesses sent in parallel, each one', async () => {
    const accounts = new StaffAccounts(dir());
    const s = await accounts.add('Budi', 'operator', '135790');
    const guesses = Array.from({ length: FREE_FAILURES }, () =>
      refusal(accounts.verify(s.id, '000000')),
    );
    const statuses = (await Promise.all(guesses)).map((e) => e.status);
    expect(statuses.filter((x) => x === 429)).toHaveLength(1);
    expect((await refusal(accounts.verify(s.id, '135790'))).status).toBe(429);
  });
});

describe('the staff file', () => {
  it('holds no secret in clear, is private to this user, and refuses duplicate names', async () => {
    const data = dir();
    const accounts = new StaffAccounts(data);
    await accounts.add('Hj. Sulastri', 'kepala-desa', 'rahasia-kades');
    const text = readFileSync(accounts.file, 'utf8');
    expect(text).not.toContain('rahasia-kades');
    expect(statSync(accounts.file).mode & 0o777).toBe(0o600);
    expect((await refusal(accounts.add('hj.  sulastri', 'operator', '123456'))).status).toBe(409);
  });

  it('keeps the last administrator enabled', async () => {
    const accounts = new StaffAccounts(dir());
    const admin = await accounts.add('Admin Desa', 'administrator', '112233');
    expect(() => accounts.setDisabled(admin.id, true)).toThrow(/Administrator terakhir/);
    const second = await accounts.add('Admin Dua', 'administrator', '445566');
    expect(accounts.setDisabled(admin.id, true).disabled).toBe(true);
    expect(() => accounts.setDisabled(second.id, true)).toThrow(/Administrator terakhir/);
  });

  it('stops the kiosk on a damaged file instead of reopening the first-run wizard', () => {
    const data = dir();
    writeFileSync(join(data, 'staff.json'), '{"version":1,"accounts":"oops"}');
    expect(() => new StaffAccounts(data)).toThrow(/rusak/);
  });
});
