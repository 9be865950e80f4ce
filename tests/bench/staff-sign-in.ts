// What a staff sign-in costs on the host: the scrypt hash of a PIN (N = 2^15, r = 8), which is
// also what each guess costs anyone holding a copy of staff.json. Measured on the real
// StaffAccounts, through the right and a wrong PIN.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StaffAccounts } from '../../electron/host/staff-accounts';

const ROUNDS = 20;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function bench(): Promise<object> {
  const dir = await mkdtemp(join(tmpdir(), 'balai-bench-staff-'));
  try {
    const accounts = new StaffAccounts(dir);
    const staff = await accounts.add('Siti Operator', 'operator', '246810');
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const start = performance.now();
      await accounts.verify(staff.id, '246810');
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const result = {
      rounds: ROUNDS,
      signInP50Ms: Number(percentile(times, 50).toFixed(1)),
      signInP95Ms: Number(percentile(times, 95).toFixed(1)),
      guessesPerSecondPerCore: Math.round(1000 / percentile(times, 50)),
    };
    console.log(
      `sign-in (scrypt N=2^15, r=8): p50 ${result.signInP50Ms} ms, p95 ${result.signInP95Ms} ms; ` +
        `~${result.guessesPerSecondPerCore} guesses/s per core against a stolen staff.json`,
    );
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
