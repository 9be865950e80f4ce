// A kiosk the regency refuses (wrong or rotated password: 401; account locked after failed
// logins: 403 "temporarily locked", CouchDB 3.4+ `[chttpd_auth_lockout]`, 5 failures lock it for
// 5 minutes) must not keep trying: every attempt is another failed login, and a kiosk retrying
// every few seconds would stay locked out for good. Both loops stop on the first refusal and wait
// here together; one request, on a schedule longer than the lockout, asks again.
import { CouchError } from './couch-client';
import { sleep } from './link-monitor';

/** CouchDB's default lockout lasts 5 minutes; the first retry comes after 6. */
export const AUTH_RETRY = { initialMs: 6 * 60_000, maxMs: 60 * 60_000 };

export function isRefusal(err: CouchError): boolean {
  return err.kind === 'unauthorized' || err.kind === 'locked';
}

/** The wait before the n-th retry: the schedule's step plus up to a quarter more, never less. */
export function authRetryDelay(
  attempt: number,
  random: () => number,
  schedule: { initialMs: number; maxMs: number } = AUTH_RETRY,
): number {
  const step = Math.min(schedule.maxMs, schedule.initialMs * 2 ** attempt);
  return step + (random() * step) / 4;
}

export interface AuthGate {
  /** Resolves once the regency accepts the kiosk again (or answers otherwise), or on abort. */
  waitUntilAccepted(signal: AbortSignal): Promise<void>;
}

export function createAuthGate(options: {
  /** One request that throws the refusal while the regency still refuses. */
  check(): Promise<void>;
  delay(attempt: number): number;
  /** Told when the next attempt is due, and null once the wait is over. */
  onSchedule(at: number | null): void;
}): AuthGate {
  let waiting: Promise<void> | null = null;

  async function waitOut(signal: AbortSignal) {
    for (let attempt = 0; !signal.aborted; attempt++) {
      const ms = options.delay(attempt);
      options.onSchedule(Date.now() + ms);
      await sleep(ms, signal);
      if (signal.aborted) return;
      try {
        await options.check();
        return;
      } catch (err) {
        // Anything but a refusal (the link down, a server error) is the loops' to handle.
        if (!(err instanceof CouchError && isRefusal(err))) return;
      }
    }
  }

  return {
    waitUntilAccepted(signal) {
      waiting ??= waitOut(signal).finally(() => {
        waiting = null;
        options.onSchedule(null);
      });
      return waiting;
    },
  };
}
