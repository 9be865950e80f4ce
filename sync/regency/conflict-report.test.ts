import { describe, expect, it } from 'vitest';
import type { ConflictResolution } from './conflict-guard';
import { CONFLICT_ROWS_SHOWN, conflictSectionHtml } from './conflict-report';

const record = (n: number, over: Partial<ConflictResolution> = {}): ConflictResolution => ({
  type: 'conflict-resolution',
  villageCode: n % 2 ? '3510172001' : '3510172002',
  docId: `budget:${n}:3510172001:k1`,
  docType: 'budget',
  rule: 'locked',
  keptRev: '2-aaa',
  removedRev: '2-fff',
  removedAuthor: 'k1',
  removed: {},
  merged: false,
  resolvedAt: '2026-12-03T07:00:00.000Z',
  ...over,
});

describe('conflictSectionHtml', () => {
  it('counts every removal and its villages, and names the document, the rule and the author', () => {
    const html = conflictSectionHtml([
      record(1, { removedAuthor: 'k2 (<script>)' }),
      record(2, { rule: 'keys-kept', merged: true }),
    ]);
    expect(html).toContain('2 revisi dari 2 desa dihapus');
    expect(html).toContain('35.10.17.2001');
    expect(html).toContain('terkunci (ditetapkan/diputuskan)');
    expect(html).toContain('kunci digabung');
    expect(html).toContain('k2 (&lt;script&gt;)');
    expect(html).not.toContain('<script>');
  });

  it('lists the latest rows only, and says so; says when there has been none', () => {
    const many = Array.from({ length: CONFLICT_ROWS_SHOWN + 3 }, (_, i) => record(i));
    const html = conflictSectionHtml(many);
    expect(html.match(/<tr data-village/g)).toHaveLength(CONFLICT_ROWS_SHOWN);
    expect(html).toContain(`${CONFLICT_ROWS_SHOWN + 3} revisi`);
    expect(html).toContain('terbaru ditampilkan');
    expect(conflictSectionHtml([])).toContain('Tidak ada');
  });
});
