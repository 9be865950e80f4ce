// Knowing when the regency is reachable again, without trusting `navigator.onLine` (which says
// "online" on a LAN whose uplink is down). While any loop waits, one probe — a HEAD of the village
// database — runs on a backoff schedule; the first answer from the regency wakes every waiter.

export interface LinkMonitor {
  /** Resolves when a probe reaches the regency, or when `signal` aborts. */
  waitUntilUp(signal: AbortSignal): Promise<void>;
}

export function createLinkMonitor(
  probe: () => Promise<boolean>,
  schedule: (attempt: number) => number,
): LinkMonitor {
  let waiting: Promise<void> | null = null;

  async function probeUntilUp(signal: AbortSignal) {
    for (let attempt = 0; !signal.aborted; attempt++) {
      await sleep(schedule(attempt), signal);
      if (!signal.aborted && (await probe())) return;
    }
  }

  return {
    waitUntilUp(signal) {
      waiting ??= probeUntilUp(signal).finally(() => {
        waiting = null;
      });
      return waiting;
    },
  };
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}
