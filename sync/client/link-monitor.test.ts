import { describe, expect, it } from 'vitest';
import { createLinkMonitor } from './link-monitor';

describe('createLinkMonitor', () => {
  it('runs one probe for all waiters and wakes them all when it succeeds', async () => {
    let probes = 0;
    const monitor = createLinkMonitor(
      async () => ++probes >= 3,
      () => 1,
    );
    const signal = new AbortController().signal;
    await Promise.all([monitor.waitUntilUp(signal), monitor.waitUntilUp(signal)]);
    expect(probes).toBe(3);
  });

  it('stops probing when stopped', async () => {
    let probes = 0;
    const monitor = createLinkMonitor(
      async () => (probes++, false),
      () => 5,
    );
    const stop = new AbortController();
    const waiting = monitor.waitUntilUp(stop.signal);
    setTimeout(() => stop.abort(), 30);
    await waiting;
    const after = probes;
    await new Promise((r) => setTimeout(r, 30));
    expect(probes).toBe(after);
  });
});
