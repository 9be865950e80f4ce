import { describe, expect, it } from 'vitest';
import { authorOf, isGuardedType, judgeConflict, type Revision } from './lawful-revision';

const at = (minute: number) => `2026-03-01T10:${String(minute).padStart(2, '0')}:00.000Z`;
const leaf = (rev: string, doc: Record<string, unknown>): Revision => ({ rev, doc });

describe('judgeConflict', () => {
  it('keeps the adopted budget line over a draft edit made beside it, whichever CouchDB picked', () => {
    const adopted = leaf('2-aaa', {
      type: 'budget',
      stage: 'adopted',
      amount: 600,
      updatedAt: at(5),
    });
    // Later in time and higher in hash: CouchDB would show this one.
    const edit = leaf('2-fff', { type: 'budget', stage: 'draft', amount: 6, updatedAt: at(9) });
    for (const leaves of [
      [adopted, edit],
      [edit, adopted],
    ]) {
      expect(judgeConflict(leaves)).toEqual({ rule: 'locked', keep: adopted, remove: [edit] });
    }
  });

  it('keeps the earlier of two adoptions, and leaves two drafts to the ordinary rule', () => {
    const first = leaf('2-fff', { type: 'budget', stage: 'adopted', amount: 1, updatedAt: at(1) });
    const second = leaf('2-aaa', { type: 'budget', stage: 'adopted', amount: 2, updatedAt: at(2) });
    expect(judgeConflict([second, first])?.keep).toBe(first);
    const drafts = [
      leaf('2-a', { type: 'budget', stage: 'draft', updatedAt: at(1) }),
      leaf('2-b', { type: 'budget', stage: 'draft', updatedAt: at(2) }),
    ];
    expect(judgeConflict(drafts)).toBeNull();
  });

  it('keeps the decided musdes over a rescoring beside it', () => {
    const decided = leaf('3-a', { type: 'musdes', status: 'decided', updatedAt: at(3) });
    const rescored = leaf('3-f', { type: 'musdes', status: 'open', updatedAt: at(4) });
    expect(judgeConflict([rescored, decided])).toMatchObject({ rule: 'locked', keep: decided });
  });

  it('keeps the first-written ledger entry, report, photo, event, report and Dukcapil decision', () => {
    for (const type of [
      'ledger',
      'progress-report',
      'photo',
      'population-event',
      'population-report',
      'dukcapil-decision',
      'dukcapil-file',
    ]) {
      expect(isGuardedType(type)).toBe(true);
      const original = leaf('1-aaa', { type, createdAt: at(1), amount: 150 });
      const second = leaf('1-fff', { type, createdAt: at(7), amount: 15 });
      const edit = leaf('2-bbb', { type, createdAt: at(1), amount: 1 });
      expect(judgeConflict([second, original])).toMatchObject({
        rule: 'written-once',
        keep: original,
        remove: [second],
      });
      expect(judgeConflict([edit, original])?.keep).toBe(original);
    }
  });

  it('keeps every published letter key: the profile holding all, or the newest with all merged in', () => {
    const both = { k1: 'AAA', k2: 'BBB' };
    const rotated = leaf('3-a', { type: 'village-profile', letterKeys: both, updatedAt: at(1) });
    const stale = leaf('3-f', {
      type: 'village-profile',
      letterKeys: { k1: 'AAA' },
      updatedAt: at(2),
    });
    expect(judgeConflict([stale, rotated])).toEqual({
      rule: 'keys-kept',
      keep: rotated,
      remove: [stale],
    });
    const other = leaf('3-e', {
      type: 'village-profile',
      letterKeys: { k1: 'AAA', k3: 'CCC' },
      updatedAt: at(3),
      verifyUrl: 'https://x',
    });
    const merged = judgeConflict([rotated, other]);
    expect(merged?.keep).toBe(other);
    expect(merged?.merged).toEqual({
      ...other.doc,
      letterKeys: { k1: 'AAA', k2: 'BBB', k3: 'CCC' },
    });
    // Every branch holds the same keys: an ordinary profile conflict.
    expect(
      judgeConflict([rotated, { ...stale, doc: { ...stale.doc, letterKeys: both } }]),
    ).toBeNull();
  });

  it('leaves unguarded types and single revisions alone, and names who wrote a revision', () => {
    expect(
      judgeConflict([leaf('2-a', { type: 'request' }), leaf('2-b', { type: 'request' })]),
    ).toBeNull();
    expect(judgeConflict([leaf('2-a', { type: 'ledger' })])).toBeNull();
    expect(isGuardedType('request')).toBe(false);
    expect(authorOf({ kioskId: 'k2', reportedBy: 'TPK Desa' })).toBe('k2 (TPK Desa)');
    expect(authorOf({ kioskId: 'kabupaten' })).toBe('kabupaten');
  });
});
