// The dashboard's civil-registration page (`/_balai/dashboard?bagian=kependudukan`): charts a
// regency official reads at a glance, each followed by the table behind it. Server-rendered
// HTML in Bahasa Indonesia, no script, every text escaped (docs/decisions/0021).
import { APPLICATION_STATUS_LABELS } from '../../shared/dukcapil/application';
import { shortName, type DukcapilDocumentType } from '../../shared/dukcapil/catalogue';
import { formatVillageCode } from '../../shared/village';
import {
  REPORT_DEADLINE_DAY,
  SENT_STATUSES,
  type IssueDays,
  type SentStatus,
  type StatusCounts,
} from './civil-figures';
import type { CivilFiguresData } from './civil-figures-data';
import { escapeHtml as e } from './dashboard-page';
import { barChartSvg, lineChartSvg, sparklineSvg, type ChartSeries } from './svg-chart';

export const CIVIL_SECTION = 'kependudukan';

const STATUS_COLOURS: Record<SentStatus, string> = {
  diajukan: '#1f5f8b',
  terverifikasi: '#7fa7d6',
  'perlu-perbaikan': '#d08a00',
  ditolak: '#b3261e',
  terbit: '#2e7d32',
  diambil: '#9cc68a',
};
const STATUS_SHORT: Record<SentStatus, string> = {
  diajukan: 'Diajukan',
  terverifikasi: 'Terverifikasi',
  'perlu-perbaikan': 'Perlu perbaikan',
  ditolak: 'Ditolak',
  terbit: 'Terbit',
  diambil: 'Diambil',
};
const STATUS_SERIES: ChartSeries[] = SENT_STATUSES.map((s) => ({
  name: STATUS_SHORT[s],
  colour: STATUS_COLOURS[s],
}));

const number = new Intl.NumberFormat('id-ID');
const days = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });
const monthName = new Intl.DateTimeFormat('id-ID', {
  month: 'short',
  year: '2-digit',
  timeZone: 'UTC',
});
const monthLong = new Intl.DateTimeFormat('id-ID', {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const dateTime = new Intl.DateTimeFormat('id-ID', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Asia/Jakarta',
});

const monthLabel = (month: string, long = false) =>
  (long ? monthLong : monthName).format(new Date(`${month}-01T00:00:00Z`));
const total = (c: StatusCounts) => SENT_STATUSES.reduce((n, s) => n + c[s], 0);
const typeName = (t: string) => shortName(t as DukcapilDocumentType);

function statusHead(): string {
  return SENT_STATUSES.map((s) => `<th>${e(APPLICATION_STATUS_LABELS[s])}</th>`).join('');
}

function statusCells(c: StatusCounts): string {
  return SENT_STATUSES.map(
    (s) => `<td class="n" data-status="${e(s)}">${e(number.format(c[s]))}</td>`,
  ).join('');
}

function issueTable(
  testId: string,
  head: string,
  rows: readonly IssueDays[],
  label: (r: IssueDays) => string,
): string {
  const body = rows
    .map(
      (r) =>
        `<tr data-key="${e(r.key)}"><td>${e(label(r))}</td><td class="n">${e(number.format(r.issued))}</td><td class="n" data-median="${e(r.median)}">${e(days.format(r.median))}</td><td class="n" data-p90="${e(r.p90)}">${e(days.format(r.p90))}</td></tr>`,
    )
    .join('');
  return `<table data-testid="${e(testId)}"><thead><tr><th>${e(head)}</th><th>Terbit</th><th>Median (hari)</th><th>Persentil 90 (hari)</th></tr></thead>
<tbody>${body || '<tr><td colspan="4">Belum ada dokumen terbit.</td></tr>'}</tbody></table>`;
}

const ISSUE_SERIES: ChartSeries[] = [
  { name: 'Median', colour: '#1f5f8b' },
  { name: 'Persentil 90', colour: '#d08a00' },
];

export function renderCivilFiguresPage(
  data: CivilFiguresData,
  options: { now: Date; dashboardHref: string },
): string {
  const sentTotal = data.byType.reduce((n, t) => n + total(t.counts), 0);
  const typeChart = barChartSvg({
    title: 'Permohonan per jenis dokumen menurut status',
    series: STATUS_SERIES,
    groups: data.byType
      .filter((t) => total(t.counts) > 0)
      .map((t) => ({ label: typeName(t.type), values: SENT_STATUSES.map((s) => t.counts[s]) })),
    stacked: true,
  });
  const districtChart = barChartSvg({
    title: 'Permohonan per kecamatan menurut status',
    series: STATUS_SERIES,
    groups: data.byDistrict
      .filter((d) => total(d.counts) > 0)
      .map((d) => ({ label: d.name, values: SENT_STATUSES.map((s) => d.counts[s]) })),
    stacked: true,
  });
  const typeRows = data.byType
    .map(
      (t) =>
        `<tr data-type="${e(t.type)}"><td>${e(typeName(t.type))}</td>${statusCells(t.counts)}<td class="n">${e(number.format(total(t.counts)))}</td></tr>`,
    )
    .join('');
  const villageRows = data.byVillage
    .map(
      (v) =>
        `<tr data-village="${e(v.code)}"><td>${e(v.name)}<br><span class="small">${e(formatVillageCode(v.code))}</span></td><td>${e(v.district)}</td>${statusCells(v.counts)}<td class="n">${e(number.format(total(v.counts)))}</td></tr>`,
    )
    .join('');

  const issueByDistrict = barChartSvg({
    title: 'Lama terbit per kecamatan (hari)',
    series: ISSUE_SERIES,
    groups: data.issueDaysByDistrict.map((r) => ({ label: r.label, values: [r.median, r.p90] })),
    stacked: false,
    unit: ' hr',
    minStep: 0.1,
  });
  const issueByType = barChartSvg({
    title: 'Lama terbit per jenis dokumen (hari)',
    series: ISSUE_SERIES,
    groups: data.issueDaysByType.map((r) => ({
      label: typeName(r.key),
      values: [r.median, r.p90],
    })),
    stacked: false,
    unit: ' hr',
    minStep: 0.1,
  });

  const lateByDistrict = new Map<string, number>();
  for (const l of data.late)
    lateByDistrict.set(l.districtName, (lateByDistrict.get(l.districtName) ?? 0) + 1);
  const lateChart = barChartSvg({
    title: 'Laporan bulanan per kecamatan: tepat waktu dan terlambat',
    series: [
      { name: 'Tepat waktu', colour: '#2e7d32' },
      { name: 'Terlambat', colour: '#b3261e' },
    ],
    groups: data.population.map((d) => {
      const late = lateByDistrict.get(d.name) ?? 0;
      return { label: d.name, values: [d.villages - late, late] };
    }),
    stacked: true,
  });
  const lateRows = data.late
    .map(
      (l) =>
        `<tr data-late="${e(l.code)}"><td>${e(l.villageName)}<br><span class="small">${e(formatVillageCode(l.code))}</span></td><td>${e(l.districtName)}</td><td>${l.lastClosed ? e(monthLabel(l.lastClosed, true)) : 'belum pernah'}</td><td class="n" data-behind="${e(l.monthsBehind ?? '')}">${l.monthsBehind === null ? '—' : e(number.format(l.monthsBehind))}</td></tr>`,
    )
    .join('');

  const populationBars = barChartSvg({
    title: 'Penduduk per kecamatan menurut laporan bulanan terakhir',
    series: [
      { name: 'Laki-laki', colour: '#1f5f8b' },
      { name: 'Perempuan', colour: '#c2185b' },
    ],
    groups: data.population
      .filter((d) => d.reporting > 0)
      .map((d) => ({ label: d.name, values: [d.male, d.female] })),
    stacked: true,
  });
  const regencyLine = data.months.map((_, i) => {
    const known = data.population.map((d) => d.byMonth[i]).filter((v): v is number => v != null);
    return known.length ? known.reduce((a, b) => a + b, 0) : null;
  });
  const populationLine = lineChartSvg({
    title: 'Penduduk kabupaten per bulan (laporan yang ditutup)',
    xLabels: data.months.map((m) => monthLabel(m)),
    lines: [{ name: 'Jumlah penduduk', colour: '#1f5f8b', values: regencyLine }],
  });
  const populationRows = data.population
    .map(
      (d) =>
        `<tr data-district="${e(d.code)}"><td>${e(d.name)}</td><td class="n">${e(d.reporting)} / ${e(d.villages)}</td><td class="n">${e(number.format(d.male))}</td><td class="n">${e(number.format(d.female))}</td><td class="n" data-population="${e(d.male + d.female)}">${e(number.format(d.male + d.female))}</td><td class="n">${e(number.format(d.families))}</td><td>${sparklineSvg(`Penduduk ${d.name} per bulan`, d.byMonth)}</td></tr>`,
    )
    .join('');

  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Balai — Kependudukan Kabupaten</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1a1a1a; max-width: 80rem; }
h1 { font-size: 1.5rem; margin: 0 0 .4rem; } h2 { font-size: 1.2rem; margin: 1.6rem 0 .4rem; border-bottom: 2px solid #1f5f8b; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; }
th, td { border: 1px solid #aaa; padding: .25rem .45rem; vertical-align: top; text-align: left; }
th { background: #eef2f6; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: flex-start; }
figure { margin: 0; } figcaption { font-weight: 600; margin-bottom: .2rem; }
.small { font-size: .85em; } .note { color: #444; }
details summary { cursor: pointer; font-weight: 600; }
</style>
</head>
<body>
<p><a href="${e(options.dashboardHref)}">← Dasbor sinkronisasi desa</a></p>
<h1>Kependudukan dan pencatatan sipil — seluruh kabupaten</h1>
<p class="note">Dibuat ${e(dateTime.format(options.now))} WIB dari ${e(number.format(data.villages))} desa${
    data.unreadable.length
      ? `; <strong data-testid="unreadable">${e(number.format(data.unreadable.length))} desa tidak terbaca</strong> (${e(data.unreadable.map((u) => `${u.code}: ${u.reason}`).join(', '))})`
      : ''
  }.</p>

<h2 id="permohonan">Permohonan ke Dukcapil menurut status</h2>
<p data-testid="sent-total">${e(number.format(sentTotal))} permohonan dikirim desa.</p>
<div class="charts">
<figure><figcaption>Per jenis dokumen</figcaption>${typeChart}</figure>
<figure><figcaption>Per kecamatan</figcaption>${districtChart}</figure>
</div>
<table data-testid="by-type"><thead><tr><th>Jenis dokumen</th>${statusHead()}<th>Jumlah</th></tr></thead><tbody>${typeRows}</tbody></table>
<details><summary>Per desa (${e(number.format(data.byVillage.length))} desa dengan permohonan)</summary>
<table data-testid="by-village"><thead><tr><th>Desa</th><th>Kecamatan</th>${statusHead()}<th>Jumlah</th></tr></thead><tbody>${villageRows || `<tr><td colspan="${SENT_STATUSES.length + 3}">Belum ada permohonan.</td></tr>`}</tbody></table>
</details>

<h2 id="lama-terbit">Lama terbit: hari dari pengajuan pertama sampai terbit</h2>
<p class="note">Median: separuh dokumen terbit secepat ini atau lebih cepat. Persentil 90: 9 dari 10 dokumen terbit secepat ini atau lebih cepat.</p>
<div class="charts">
<figure><figcaption>Per kecamatan</figcaption>${issueByDistrict}</figure>
<figure><figcaption>Per jenis dokumen</figcaption>${issueByType}</figure>
</div>
${issueTable('issue-by-district', 'Kecamatan', data.issueDaysByDistrict, (r) => r.label)}
${issueTable('issue-by-type', 'Jenis dokumen', data.issueDaysByType, (r) => typeName(r.key))}

<h2 id="laporan">Laporan bulanan desa</h2>
<p data-testid="late-summary">Laporan ${e(monthLabel(data.dueMonth, true))} wajib ditutup paling lambat tanggal ${e(REPORT_DEADLINE_DAY)} bulan berikutnya:
<strong data-late-total="${e(data.late.length)}">${e(number.format(data.late.length))} dari ${e(number.format(data.villages))} desa terlambat</strong>.</p>
<div class="charts"><figure><figcaption>Per kecamatan</figcaption>${lateChart}</figure></div>
<table data-testid="late"><thead><tr><th>Desa</th><th>Kecamatan</th><th>Bulan terakhir ditutup</th><th>Bulan tertunggak</th></tr></thead><tbody>${lateRows || '<tr><td colspan="4">Semua desa tepat waktu.</td></tr>'}</tbody></table>

<h2 id="penduduk">Penduduk per kecamatan (laporan bulanan yang ditutup)</h2>
<p class="note">Setiap desa dihitung dengan laporan terakhir yang ditutupnya; desa yang belum menutup suatu bulan dihitung dengan laporan sebelumnya.</p>
<div class="charts">
<figure><figcaption>Menurut jenis kelamin</figcaption>${populationBars}</figure>
<figure><figcaption>Per bulan, ${e(monthLabel(data.months[0]!, true))} – ${e(monthLabel(data.months.at(-1)!, true))}</figcaption>${populationLine}</figure>
</div>
<table data-testid="population"><thead><tr><th>Kecamatan</th><th>Desa melapor</th><th>Laki-laki</th><th>Perempuan</th><th>Jumlah</th><th>KK</th><th>12 bulan</th></tr></thead><tbody>${populationRows}</tbody></table>
</body>
</html>`;
}
