// The regency dashboard's section on the conflict guard (decision 0022): how many revisions a
// cluster let in against the rules were removed, and the latest of them — which document, which
// rule, the revision kept and the one removed, who wrote it and when. Read from the conflict log
// (`readConflictLog`, sync/regency/conflict-guard.ts); every piece of text is escaped.
import { formatVillageCode, type VillageCode } from '../../shared/village';
import type { GuardRule } from '../../shared/conflicts/lawful-revision';
import type { ConflictResolution } from './conflict-guard';
import { escapeHtml } from './dashboard-page';

/** Rows listed; the count covers them all. */
export const CONFLICT_ROWS_SHOWN = 50;

const RULE_NAMES: Record<GuardRule, string> = {
  locked: 'terkunci (ditetapkan/diputuskan)',
  'written-once': 'ditulis sekali',
  'keys-kept': 'kunci surat tetap terbit',
};

const dateTime = new Intl.DateTimeFormat('id-ID', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Asia/Jakarta',
});

/** A revision id shortened for the table, whole on hover (`2-5d350731b9…`). */
function revHtml(rev: string): string {
  const short = rev.length > 14 ? `${rev.slice(0, 12)}…` : rev;
  return `<span class="small" title="${escapeHtml(rev)}">${escapeHtml(short)}</span>`;
}

/** The section, from the log newest first (as `readConflictLog` gives it). */
export function conflictSectionHtml(log: readonly ConflictResolution[]): string {
  const villages = new Set(log.map((r) => r.villageCode)).size;
  const heading = '<h2 id="konflik">Revisi terlarang yang dihapus</h2>';
  if (log.length === 0) {
    return `${heading}\n<p>Tidak ada: belum pernah ada revisi yang melanggar aturan terkunci.</p>`;
  }
  const rows = log.slice(0, CONFLICT_ROWS_SHOWN).map(
    (r) => `<tr data-village="${escapeHtml(r.villageCode)}">
<td>${escapeHtml(dateTime.format(new Date(r.resolvedAt)))}</td>
<td>${escapeHtml(formatVillageCode(r.villageCode as VillageCode))}</td>
<td>${escapeHtml(r.docType)}<br><span class="small">${escapeHtml(r.docId)}</span></td>
<td>${escapeHtml(RULE_NAMES[r.rule] ?? r.rule)}${r.merged ? '<br><span class="small">kunci digabung</span>' : ''}</td>
<td>${revHtml(r.keptRev)}</td>
<td>${revHtml(r.removedRev)}</td>
<td>${escapeHtml(r.removedAuthor)}</td>
</tr>`,
  );
  const more =
    log.length > CONFLICT_ROWS_SHOWN
      ? `<p class="small">${escapeHtml(CONFLICT_ROWS_SHOWN)} terbaru ditampilkan.</p>`
      : '';
  return `${heading}
<p>${escapeHtml(log.length)} revisi dari ${escapeHtml(villages)} desa dihapus; revisi yang sah dipertahankan.</p>
<table>
<thead><tr><th scope="col">Waktu</th><th scope="col">Desa</th><th scope="col">Dokumen</th><th scope="col">Aturan</th><th scope="col">Revisi sah</th><th scope="col">Revisi dihapus</th><th scope="col">Penulis</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>${more}`;
}
