// Photo batches bounded by bytes: never over the budget, but never empty while photos wait.
import { describe, expect, it } from 'vitest';
import { takeByBytes } from './photo-lane';

const photo = (chars: number) => ({ doc: { data: 'A'.repeat(chars) } });

describe('photo batches', () => {
  it('take photos in order while they fit the byte budget', () => {
    const batch = takeByBytes([photo(100), photo(100), photo(100)], 250);
    expect(batch).toHaveLength(2);
    expect(takeByBytes([photo(100), photo(100)], 200)).toHaveLength(2);
  });

  it('take one photo larger than the budget alone, so it still goes', () => {
    expect(takeByBytes([photo(1_000), photo(10)], 250)).toHaveLength(1);
    expect(takeByBytes([], 250)).toHaveLength(0);
  });
});
