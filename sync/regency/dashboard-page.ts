// The regency dashboard as one plain, server-rendered HTML page in Bahasa Indonesia: a table of
// villages, the ones not seen for N days marked with a word and a sign, not by colour alone. No
// scripts, no external assets; every piece of text is escaped.
import {
  REQUEST_STATUSES,
  REQUEST_STATUS_LABELS,
  type RequestStatus,
} from '../../shared/documents/request';
import { formatVillageCode } from '../../shared/village';
import {
  DEFAULT_STALLED_DAYS,
  fiscalYearAt,
  isStale,
  type DashboardData,
  type DashboardPage,
  type VillageRow,
} from './dashboard-data';
import { planningSectionHtml, type PlanningFilter } from './planning-page';
import { conflictSectionHtml } from './conflict-report';
import type { ConflictResolution } from './conflict-guard';

export const DEFAULT_STALE_DAYS = 3;
/** Villages per page when `?per=` is not given, and its bounds. */
export const DEFAULT_PER_PAGE = 25;
export const MIN_PER_PAGE = 5;
export const MAX_PER_PAGE = 100;

/** The text marking a village not seen for `days` days (the tests look for it). */
export const STALE_MARKER = '⚠ TIDAK TERLIHAT';

export function escapeHtml(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const rupiah = new Intl.NumberFormat('id-ID', {
  style: 'currency',
  currency: 'IDR',
  maximumFractionDigits: 0,
});
const number = new Intl.NumberFormat('id-ID');
const dateTime = new Intl.DateTimeFormat('id-ID', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Asia/Jakarta',
});

/** `3 hari lalu`, `5 jam lalu`, `baru saja`. */
function ago(iso: string, now: Date): string {
  const ms = now.getTime() - Date.parse(iso);
  if (!Number.isFinite(ms)) return '';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'baru saja';
  if (minutes < 60) return `${minutes} menit lalu`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} jam lalu`;
  return `${Math.floor(hours / 24)} hari lalu`;
}

function formatSkew(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (Math.abs(seconds) < 60) return `${seconds} detik`;
  return `${Math.round(seconds / 60)} menit`;
}

export function renderDashboardPage(
  data: DashboardData,
  options: {
    days?: number;
    now?: Date;
    planning?: PlanningFilter;
    /** The conflict pass's log, newest first; its section is left out when not given. */
    conflicts?: readonly ConflictResolution[];
  } = {},
): string {
  const days = options.days ?? DEFAULT_STALE_DAYS;
  const planning = options.planning ?? {
    bidang: '',
    priority: '',
    stalledDays: DEFAULT_STALLED_DAYS,
  };
  const now = options.now ?? new Date(data.generatedAt);
  const staleCount = data.villages.filter((v) => !v.error && isStale(v, days, now)).length;
  const rows = data.villages.map((v) => villageRowHtml(v, days, now)).join('\n');
  const paged = 'totals' in data ? (data as DashboardPage) : null;
  const summary = paged
    ? pageSummaryHtml(paged, days, planning)
    : `${escapeHtml(number.format(data.villages.length))} desa; ${escapeHtml(number.format(staleCount))} tidak terlihat lebih dari ${escapeHtml(days)} hari
(ditandai <span class="marker">${escapeHtml(STALE_MARKER)}</span>).</p>`;
  // The filter forms start again at page 1 (the order may change with `days`) but keep `per`.
  const perHidden = paged
    ? `\n<input type="hidden" name="per" value="${escapeHtml(paged.perPage)}">`
    : '';
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Balai — Dasbor Kabupaten</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1a1a1a; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: 0.35rem 0.5rem; vertical-align: top; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.stale { background: #fff1c2; }
tr.stale td:first-child { border-left: 6px solid #b35c00; }
.marker { font-weight: bold; }
.small { font-size: 0.85em; }
</style>
</head>
<body>
<h1>Dasbor Kabupaten — sinkronisasi desa</h1>
<p><a href="?bagian=kependudukan" data-testid="civil-link">Kependudukan dan pencatatan sipil: grafik permohonan, lama terbit, laporan bulanan, penduduk →</a></p>
<p>Dibuat ${escapeHtml(dateTime.format(new Date(data.generatedAt)))} WIB. Tahun anggaran ${escapeHtml(data.fiscalYear)}.
${summary}
<form method="get" data-testid="year-form"><label>Tahun anggaran <select name="tahun">${yearChoices(
    data.fiscalYear,
    now,
  )
    .map(
      (y) =>
        `<option value="${escapeHtml(y)}"${y === data.fiscalYear ? ' selected' : ''}>${escapeHtml(y)}</option>`,
    )
    .join('')}</select></label>
<input type="hidden" name="days" value="${escapeHtml(days)}">
<input type="hidden" name="bidang" value="${escapeHtml(planning.bidang)}">
<input type="hidden" name="prioritas" value="${escapeHtml(planning.priority)}">
<input type="hidden" name="laporan" value="${escapeHtml(planning.stalledDays)}">${perHidden}
<button type="submit">Tampilkan tahun</button></form>
<form method="get"><label>Tandai desa yang tidak terlihat lebih dari
<input type="number" name="days" min="1" max="365" value="${escapeHtml(days)}"> hari</label>
<input type="hidden" name="tahun" value="${escapeHtml(data.fiscalYear)}">
<input type="hidden" name="bidang" value="${escapeHtml(planning.bidang)}">
<input type="hidden" name="prioritas" value="${escapeHtml(planning.priority)}">
<input type="hidden" name="laporan" value="${escapeHtml(planning.stalledDays)}">${perHidden}
<button type="submit">Tampilkan</button></form>
<table>
<thead><tr>
<th scope="col">Desa</th>
<th scope="col">Sinkron terakhir</th>
<th scope="col">Per kios</th>
<th scope="col">Antrean kirim</th>
<th scope="col">Ditolak server</th>
<th scope="col">Permohonan terbuka</th>
<th scope="col">Realisasi belanja</th>
</tr></thead>
<tbody>
${rows || '<tr><td colspan="7">Belum ada desa.</td></tr>'}
</tbody>
</table>
<p class="small">Sinkron terakhir: keberhasilan terbaru dari kios mana pun (laporan <code>sync-report</code>).
Permohonan terbuka: status selain "Sudah diambil" dan "Ditolak".
Realisasi belanja: pembayaran LS dan SPJ dikurangi pembalikannya, terhadap belanja APBDes versi terakhir yang ditetapkan; "—" bila belum ada.</p>
${paged ? pageLinksHtml(paged, days, planning) : ''}
${planningSectionHtml(data, days, planning, paged ? paged.perPage : undefined)}
${options.conflicts ? conflictSectionHtml(options.conflicts) : ''}
</body>
</html>
`;
}

/**
 * A village as the regency's pages name it: `Desa Jambesari, Kec. Giri` (one regency's page
 * needs no regency name), or `Desa 35.10.17.2001` while its profile has no names yet.
 */
export function villageName(v: Pick<VillageRow, 'code' | 'names'>): string {
  if (!v.names) return `Desa ${formatVillageCode(v.code)}`;
  return [`Desa ${v.names.villageName}`, v.names.districtName && `Kec. ${v.names.districtName}`]
    .filter(Boolean)
    .join(', ');
}

function villageRowHtml(v: VillageRow, days: number, now: Date): string {
  const code = v.names ? `${formatVillageCode(v.code)} · ` : '';
  const name = `<th scope="row">${escapeHtml(villageName(v))}<br><span class="small">${escapeHtml(code + v.db)}${
    v.docCount === null ? '' : ` · ${escapeHtml(number.format(v.docCount))} dokumen`
  }</span></th>`;
  if (v.error) {
    return `<tr data-village="${escapeHtml(v.code)}">${name}<td colspan="6">Tidak terbaca: ${escapeHtml(v.error)}</td></tr>`;
  }
  const stale = isStale(v, days, now);
  const last =
    v.lastSuccessAt === null
      ? 'belum pernah'
      : `${escapeHtml(dateTime.format(new Date(v.lastSuccessAt)))}<br><span class="small">${escapeHtml(ago(v.lastSuccessAt, now))}</span>`;
  const marker = stale
    ? `<br><span class="marker">${escapeHtml(STALE_MARKER)} &gt; ${escapeHtml(days)} hari</span>`
    : '';
  const kiosks = v.kiosks.length
    ? v.kiosks
        .map((k) => {
          const parts = [
            `<b>${escapeHtml(k.kioskId)}</b>: ${k.lastSuccessAt ? escapeHtml(ago(k.lastSuccessAt, now)) : 'belum pernah'}`,
          ];
          if (k.failures > 0) {
            const kinds = Object.entries(k.failuresByKind)
              .filter(([, n]) => n > 0)
              .map(([kind, n]) => `${kind} ${n}`)
              .join(', ');
            parts.push(`gagal ${escapeHtml(number.format(k.failures))} (${escapeHtml(kinds)})`);
          }
          if (k.clockSkewMs !== null && Math.abs(k.clockSkewMs) >= 60_000) {
            parts.push(`jam selisih ${escapeHtml(formatSkew(k.clockSkewMs))}`);
          }
          return parts.join(' · ');
        })
        .join('<br>')
    : 'belum ada laporan';
  const open =
    v.openRequests === null
      ? '—'
      : `${escapeHtml(number.format(v.openRequests))}${
          v.openRequests
            ? `<br><span class="small">${Object.entries(v.openByStatus)
                .sort(([a], [b]) => statusOrder(a) - statusOrder(b))
                .map(([status, n]) => `${escapeHtml(statusWord(status))} ${escapeHtml(n)}`)
                .join(', ')}</span>`
            : ''
        }`;
  const budget = v.budget
    ? `${escapeHtml(percent(v.budget.realisedSpending, v.budget.budgetSpending))}<br><span class="small">${escapeHtml(
        rupiah.format(v.budget.realisedSpending),
      )} dari ${escapeHtml(rupiah.format(v.budget.budgetSpending))} (versi ${escapeHtml(v.budget.version)})</span>`
    : '—';
  return `<tr data-village="${escapeHtml(v.code)}"${stale ? ' class="stale" data-stale="true"' : ''}>${name}<td>${last}${marker}</td><td class="small">${kiosks}</td><td class="n">${escapeHtml(
    number.format(v.pending),
  )}</td><td class="n">${escapeHtml(number.format(v.rejected))}</td><td class="n">${open}</td><td class="n">${budget}</td></tr>`;
}

/** A request status as the desk names it ("Siap diambil"), never the stored English word. */
function statusWord(status: string): string {
  return REQUEST_STATUS_LABELS[status as RequestStatus] ?? status;
}

/** Statuses in the workflow's order (received first); an unknown one last. */
function statusOrder(status: string): number {
  const at = (REQUEST_STATUSES as readonly string[]).indexOf(status);
  return at === -1 ? REQUEST_STATUSES.length : at;
}

/** The years offered: around this one, and whichever year is shown. */
function yearChoices(shown: number, now: Date): number[] {
  const current = fiscalYearAt(now);
  return [...new Set([current - 2, current - 1, current, current + 1, shown])].sort(
    (a, b) => a - b,
  );
}

function percent(part: number, whole: number): string {
  if (whole <= 0) return '—';
  return `${(Math.round((part / whole) * 1000) / 10).toLocaleString('id-ID')}%`;
}

/** The query of a page link: every filter kept, so paging never drops what the operator chose. */
export function pageQuery(
  page: number,
  perPage: number,
  days: number,
  planning: PlanningFilter,
  fiscalYear: number,
): string {
  const params = new URLSearchParams({
    tahun: String(fiscalYear),
    days: String(days),
    bidang: planning.bidang,
    prioritas: planning.priority,
    laporan: String(planning.stalledDays),
    per: String(perPage),
    halaman: String(page),
  });
  return `?${params.toString()}`;
}

/**
 * The header of a paged page: which figures are the whole regency's (from every village's sync
 * reports) and which are this page's only (the table and the planning section).
 */
function pageSummaryHtml(data: DashboardPage, days: number, planning: PlanningFilter): string {
  const t = data.totals;
  const from = data.villages.length ? data.firstIndex + 1 : 0;
  const to = data.firstIndex + data.villages.length;
  // Where the villages needing attention are: they come first, so at most a few pages.
  const problemPages = [...new Set(t.problemCodes.map((_, i) => Math.floor(i / data.perPage) + 1))];
  const links = problemPages
    .map(
      (p) =>
        `<a href="${escapeHtml(pageQuery(p, data.perPage, days, planning, data.fiscalYear))}">halaman ${escapeHtml(p)}</a>`,
    )
    .join(', ');
  return `<span data-testid="regency-totals">Seluruh kabupaten: ${escapeHtml(number.format(t.villages))} desa;
<span data-stale-total="${escapeHtml(t.stale)}">${escapeHtml(number.format(t.stale))} tidak terlihat lebih dari ${escapeHtml(days)} hari</span>
(ditandai <span class="marker">${escapeHtml(STALE_MARKER)}</span>)${
    t.unreadable ? `; ${escapeHtml(number.format(t.unreadable))} tidak terbaca` : ''
  }; antrean kirim ${escapeHtml(number.format(t.pending))}, ditolak server ${escapeHtml(number.format(t.rejected))}.</span>
${problemPages.length ? `Desa bermasalah ditampilkan lebih dulu: ${links}.` : ''}</p>
<p data-testid="page-info">Halaman ${escapeHtml(data.page)} dari ${escapeHtml(data.pages)}: desa ${escapeHtml(from)}–${escapeHtml(to)} dari ${escapeHtml(number.format(t.villages))}
(${escapeHtml(data.perPage)} per halaman). Tabel desa dan bagian perencanaan di bawah hanya memuat desa di halaman ini.</p>
${pageLinksHtml(data, days, planning)}`;
}

function pageLinksHtml(data: DashboardPage, days: number, planning: PlanningFilter): string {
  const link = (page: number, rel: string, label: string) =>
    `<a rel="${rel}" href="${escapeHtml(pageQuery(page, data.perPage, days, planning, data.fiscalYear))}">${label}</a>`;
  const parts = [
    data.page > 1 ? link(data.page - 1, 'prev', '← Sebelumnya') : '',
    `Halaman ${escapeHtml(data.page)} dari ${escapeHtml(data.pages)}`,
    data.page < data.pages ? link(data.page + 1, 'next', 'Berikutnya →') : '',
  ].filter(Boolean);
  return `<nav aria-label="Halaman desa"><p>${parts.join(' · ')}</p></nav>`;
}
