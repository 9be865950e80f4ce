import { describe, expect, it } from 'vitest';
import { lostDocuments } from './recovery';

describe('lostDocuments', () => {
  it('names each collection holding fewer documents than the host last heard of', () => {
    expect(
      lostDocuments({ requests: 12, letters: 3, finance: 0 }, { requests: 0, letters: 3 }),
    ).toEqual(['requests: tercatat 12, ada 0']);
  });

  it('finds nothing lost when the kiosk holds as much or more, or the host remembers nothing', () => {
    expect(lostDocuments({ requests: 2 }, { requests: 5, letters: 1 })).toEqual([]);
    expect(lostDocuments(undefined, {})).toEqual([]);
  });
});
