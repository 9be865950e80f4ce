// A growing wait after repeated wrong secrets: a few free failures, then a lock that doubles with
// each further one up to a cap. Staff accounts and residents' PINs each have their own policy.

export interface LockoutPolicy {
  /** Wrong secrets in a row that cost nothing. */
  freeFailures: number;
  /** The wait after the first failure past the free ones. */
  firstLockMs: number;
  maxLockMs: number;
}

/** How long a secret stays locked after `failures` wrong ones in a row (0: not locked). */
export function lockDuration(policy: LockoutPolicy, failures: number): number {
  if (failures < policy.freeFailures) return 0;
  return Math.min(policy.firstLockMs * 2 ** (failures - policy.freeFailures), policy.maxLockMs);
}

/** "coba lagi dalam 30 detik" / "… 2 menit": the wait as a person at the screen reads it. */
export function waitInWords(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return seconds >= 120 ? `${Math.ceil(seconds / 60)} menit` : `${seconds} detik`;
}
