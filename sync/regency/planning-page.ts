// The dashboard's planning section: every village's funded projects with their progress, and every
// proposal with the musdes decision on it, filterable by sector (bidang) and national priority.
// A project not reporting for N days carries the words and sign of STALLED_PROJECT_MARKER (and
// `data-stalled`), not colour alone; an overdue one carries OVERDUE_MARKER.
import { bidangName, bidangOf, kegiatanName } from '../../shared/finance/reference';
import { DEFAULT_PRIORITIES, priorityName } from '../../shared/planning/settings';
import type { VillageCode } from '../../shared/village';
import type { DashboardData } from './dashboard-data';
import { escapeHtml, villageName } from './dashboard-page';
import type { RegencyProject, RegencyProposal } from './planning-data';

export interface PlanningFilter {
  /** A bidang code (`02`), or '' for all. */
  bidang: string;
  /** A priority code, or '' for all. */
  priority: string;
  stalledDays: number;
}

export const STALLED_PROJECT_MARKER = '⚠ TIDAK MELAPOR';
export const OVERDUE_MARKER = '⚠ TERLAMBAT';

const BIDANG_CODES = ['01', '02', '03', '04', '05'];
const OUTCOME = { accepted: 'Diterima', declined: 'Tidak diterima', undecided: 'Belum dibahas' };

const rupiah = new Intl.NumberFormat('id-ID', {
  style: 'currency',
  currency: 'IDR',
  maximumFractionDigits: 0,
});
const number = new Intl.NumberFormat('id-ID');

function matches(item: { kegiatanCode: string; priority: string }, filter: PlanningFilter) {
  return (
    (!filter.bidang || bidangOf(item.kegiatanCode) === filter.bidang) &&
    (!filter.priority || item.priority === filter.priority)
  );
}

const option = (value: string, label: string, selected: string) =>
  `<option value="${escapeHtml(value)}"${value === selected ? ' selected' : ''}>${escapeHtml(label)}</option>`;

export function planningSectionHtml(
  data: DashboardData,
  staleDays: number,
  filter: PlanningFilter,
  /** Set on a paged page: the filter form keeps the page size, and the counts say "this page". */
  perPage?: number,
): string {
  const projects: { village: VillageCode; name: string; p: RegencyProject }[] = [];
  const proposals: { village: VillageCode; name: string; p: RegencyProposal }[] = [];
  let missing = 0;
  // The national defaults, and any other priority a regency's settings let villages choose.
  const priorities = new Map<string, string>(DEFAULT_PRIORITIES);
  for (const v of data.villages) {
    if (!v.planning) {
      if (!v.error) missing++;
      continue;
    }
    for (const p of v.planning.proposals)
      if (!priorities.has(p.priority)) priorities.set(p.priority, p.priority);
    const name = villageName(v);
    for (const p of v.planning.projects)
      if (matches(p, filter)) projects.push({ village: v.code, name, p });
    for (const p of v.planning.proposals)
      if (matches(p, filter)) proposals.push({ village: v.code, name, p });
  }
  const stalled = projects.filter(({ p }) => p.stalled).length;
  const projectRows = projects
    .map(({ village, name, p }) => {
      const flags = [
        p.stalled
          ? `<span class="marker">${escapeHtml(STALLED_PROJECT_MARKER)} &gt; ${escapeHtml(filter.stalledDays)} hari</span>`
          : '',
        p.overdue ? `<span class="marker">${escapeHtml(OVERDUE_MARKER)}</span>` : '',
      ]
        .filter(Boolean)
        .join('<br>');
      return `<tr data-project="${escapeHtml(p.id)}" data-village="${escapeHtml(village)}"${
        p.stalled ? ' class="stale" data-stalled="true"' : ''
      }><td>${escapeHtml(name)}</td><td>${escapeHtml(p.title)}<br><span class="small">${escapeHtml(
        `${p.kegiatanCode} ${kegiatanName(p.kegiatanCode)} · ${p.hamlet}`,
      )}</span></td><td>${escapeHtml(bidangName(bidangOf(p.kegiatanCode)))}</td><td>${escapeHtml(
        priorityName(p.priority),
      )}</td><td class="n">${p.budget === null ? 'belum didanai' : escapeHtml(rupiah.format(p.budget))}</td><td class="n">${escapeHtml(
        p.percent,
      )}%</td><td class="n">${escapeHtml(rupiah.format(p.spent))}</td><td>${
        p.lastReportDate
          ? `${escapeHtml(p.lastReportDate)}<br><span class="small">${escapeHtml(number.format(p.reports))} laporan, ${escapeHtml(number.format(p.photos))} foto</span>`
          : 'belum ada'
      }${flags ? `<br>${flags}` : ''}</td></tr>`;
    })
    .join('\n');
  const proposalRows = proposals
    .map(
      ({ village, name, p }) =>
        `<tr data-proposal="${escapeHtml(p.id)}" data-village="${escapeHtml(village)}"><td>${escapeHtml(
          name,
        )}</td><td>${escapeHtml(p.title)}</td><td>${escapeHtml(p.hamlet)}</td><td>${escapeHtml(
          bidangName(bidangOf(p.kegiatanCode)),
        )}</td><td>${escapeHtml(priorityName(p.priority))}</td><td class="n">${escapeHtml(
          rupiah.format(p.estimatedCost),
        )}</td><td class="n">${escapeHtml(number.format(p.beneficiaries))}</td><td>${escapeHtml(
          OUTCOME[p.outcome],
        )}</td></tr>`,
    )
    .join('\n');
  return `<h2>Perencanaan dan proyek desa — tahun ${escapeHtml(data.fiscalYear)}</h2>
<form method="get"><input type="hidden" name="tahun" value="${escapeHtml(data.fiscalYear)}"><input type="hidden" name="days" value="${escapeHtml(staleDays)}">${
    perPage === undefined ? '' : `<input type="hidden" name="per" value="${escapeHtml(perPage)}">`
  }
<label>Bidang <select name="bidang">${option('', 'semua', filter.bidang)}${BIDANG_CODES.map((c) =>
    option(c, `${c} ${bidangName(c)}`, filter.bidang),
  ).join('')}</select></label>
<label>Prioritas <select name="prioritas">${option('', 'semua', filter.priority)}${[...priorities]
    .map(([c, n]) => option(c, n, filter.priority))
    .join('')}</select></label>
<label>Tandai proyek tanpa laporan lebih dari <input type="number" name="laporan" min="1" max="365" value="${escapeHtml(
    filter.stalledDays,
  )}"> hari</label>
<button type="submit">Saring</button></form>
<p>${escapeHtml(number.format(projects.length))} proyek${perPage === undefined ? '' : ' di desa halaman ini'}; ${escapeHtml(number.format(stalled))} tidak melapor lebih dari ${escapeHtml(
    filter.stalledDays,
  )} hari (ditandai <span class="marker">${escapeHtml(STALLED_PROJECT_MARKER)}</span>).${
    missing
      ? ` ${escapeHtml(number.format(missing))} desa belum punya tampilan perencanaan (jalankan add-village lagi).`
      : ''
  }</p>
<table data-testid="projects">
<thead><tr><th scope="col">Desa</th><th scope="col">Kegiatan</th><th scope="col">Bidang</th><th scope="col">Prioritas</th><th scope="col">Anggaran</th><th scope="col">Kemajuan fisik</th><th scope="col">Realisasi dilaporkan</th><th scope="col">Laporan terakhir</th></tr></thead>
<tbody>
${projectRows || '<tr><td colspan="8">Belum ada proyek.</td></tr>'}
</tbody>
</table>
<h3>Usulan</h3>
<table data-testid="proposals">
<thead><tr><th scope="col">Desa</th><th scope="col">Usulan</th><th scope="col">Dusun</th><th scope="col">Bidang</th><th scope="col">Prioritas</th><th scope="col">Perkiraan biaya</th><th scope="col">Penerima manfaat</th><th scope="col">Keputusan musdes</th></tr></thead>
<tbody>
${proposalRows || '<tr><td colspan="8">Belum ada usulan.</td></tr>'}
</tbody>
</table>
<p class="small">Kemajuan fisik dan realisasi: dari laporan kemajuan terakhir (realisasi dibaca kios dari buku kas, bukan diketik).
Anggaran: baris APBDes yang ditetapkan untuk kegiatan itu; "belum didanai" bila belum ditetapkan.</p>`;
}
