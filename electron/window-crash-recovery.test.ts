import { describe, expect, it } from 'vitest';
import { CrashCounter } from './window-crash-recovery';

describe('CrashCounter', () => {
  it('gives up at the third crash within a minute, not at three spread out', () => {
    let now = 0;
    const counter = new CrashCounter({ maxCrashes: 3, withinMs: 60_000 }, () => now);
    expect(counter.record()).toBe('reload');
    now = 30_000;
    expect(counter.record()).toBe('reload');
    now = 70_000; // the first has aged out
    expect(counter.record()).toBe('reload');
    now = 80_000;
    expect(counter.record()).toBe('give-up');
    counter.reset();
    expect(counter.record()).toBe('reload');
  });
});
