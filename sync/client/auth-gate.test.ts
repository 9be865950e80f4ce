import { describe, expect, it } from 'vitest';
import { AUTH_RETRY, authRetryDelay, createAuthGate } from './auth-gate';
import { CouchError } from './couch-client';

describe('the wait after a refused account', () => {
  it('is always longer than CouchDB’s 5-minute lockout and grows to an hour', () => {
    const lockout = 5 * 60_000;
    for (const random of [() => 0, () => 0.999]) {
      expect(authRetryDelay(0, random)).toBeGreaterThan(lockout);
      expect(authRetryDelay(10, random)).toBeGreaterThanOrEqual(AUTH_RETRY.maxMs);
      expect(authRetryDelay(10, random)).toBeLessThanOrEqual(1.25 * AUTH_RETRY.maxMs);
    }
  });

  it('asks once for all waiters, again only while still refused', async () => {
    let checks = 0;
    const gate = createAuthGate({
      check: async () => {
        if (++checks < 3) throw new CouchError('locked', 'dikunci', 403);
      },
      delay: () => 1,
      onSchedule: () => {},
    });
    const signal = new AbortController().signal;
    await Promise.all([gate.waitUntilAccepted(signal), gate.waitUntilAccepted(signal)]);
    expect(checks).toBe(3);
  });
});
