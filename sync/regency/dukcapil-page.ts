// The Dukcapil back office as server-rendered HTML in Bahasa Indonesia (docs/decisions/0018):
// the list of the regency's applications by status and age, one application with its form,
// photos and decisions, and the decision form. No script; every text escaped.
import {
  APPLICATION_STATUS_LABELS,
  APPLICATION_STATUSES,
  OPEN_AT_DUKCAPIL,
  type ApplicationStatus,
} from '../../shared/dukcapil/application';
import {
  DUKCAPIL_DOCUMENT_TYPES,
  DUKCAPIL_REQUIREMENTS,
  dukcapilDocument,
  shortName,
  type DukcapilDocumentType,
} from '../../shared/dukcapil/catalogue';
import { DECISION_STEP_LABELS, DECISION_STEPS } from '../../shared/documents/dukcapil';
import type { PopulationEventDoc } from '../../shared/documents/population';
import { EVENT_KIND_LABELS } from '../../shared/population/events';
import { formatVillageCode, type VillageCode } from '../../shared/village';
import { escapeHtml as e, villageName } from './dashboard-page';
import type { ApplicationDetail, ApplicationRow } from './dukcapil-data';

export const DUKCAPIL_ROWS_PER_PAGE = 100;

export interface ListFilter {
  kecamatan: string;
  desa: string;
  jenis: string;
  /** A status, or '' for the ones Dukcapil still has to act on. */
  status: string;
  page: number;
}

const dateTime = new Intl.DateTimeFormat('id-ID', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Asia/Jakarta',
});
const number = new Intl.NumberFormat('id-ID');

/** `35.10.17`: a kecamatan's code from a village code. */
export function kecamatanOf(code: string): string {
  return code.slice(0, 6);
}

const STYLE = `body { font-family: system-ui, sans-serif; margin: 1.25rem 1.5rem; color: #1a1a1a; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; } h2 { font-size: 1.15rem; margin: 1.2rem 0 .4rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #aaa; padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: #eef2f6; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
form.filter { display: flex; gap: .75rem; flex-wrap: wrap; align-items: end; margin: .5rem 0 1rem; }
label { display: flex; flex-direction: column; font-size: .9rem; gap: .15rem; }
form[method=post] { max-width: 44rem; } form[method=post] label { margin: .35rem 0; }
select, input, textarea, button { font: inherit; padding: .25rem .4rem; }
button { background: #1f5f8b; color: #fff; border: 0; border-radius: 4px; padding: .35rem .9rem; cursor: pointer; }
.counts { display: flex; gap: .5rem; flex-wrap: wrap; margin: .5rem 0; padding: 0; list-style: none; }
.counts li { border: 1px solid #999; border-radius: 4px; padding: .25rem .6rem; }
.counts a { color: inherit; }
.status { font-weight: 600; white-space: nowrap; }
.s-perlu-perbaikan, .s-ditolak { color: #9b1c1c; } .s-terbit, .s-diambil { color: #1d6b32; }
.old { background: #fff1c2; }
.msg { padding: .5rem .75rem; border-radius: 4px; margin: .5rem 0; }
.msg.ok { background: #e3f4e6; border: 1px solid #1d6b32; } .msg.err { background: #fde8e8; border: 1px solid #9b1c1c; }
.photos { display: flex; gap: .75rem; flex-wrap: wrap; }
.photos figure { margin: 0; width: 260px; } .photos img { width: 260px; height: auto; border: 1px solid #999; }
.photos figcaption { font-size: .85rem; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .75rem; margin: 0; } dt { font-weight: 600; }
.missing { color: #9b1c1c; }
.small { font-size: .85rem; color: #444; }`;

function page(title: string, officer: string, body: string): string {
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)} — Balai Dukcapil</title>
<style>${STYLE}</style>
</head>
<body>
<p class="small">Balai — Kantor belakang Dukcapil · masuk sebagai <strong>${e(officer)}</strong></p>
${body}
</body>
</html>
`;
}

function statusCell(status: ApplicationStatus): string {
  return `<span class="status s-${e(status)}">${e(APPLICATION_STATUS_LABELS[status])}</span>`;
}

export function ageDays(iso: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 86_400_000));
}

export function filterRows(rows: readonly ApplicationRow[], f: ListFilter): ApplicationRow[] {
  return rows.filter(
    (r) =>
      (!f.kecamatan || kecamatanOf(r.villageCode) === f.kecamatan) &&
      (!f.desa || r.villageCode === f.desa) &&
      (!f.jenis || r.documentType === f.jenis) &&
      (f.status ? r.status === f.status : OPEN_AT_DUKCAPIL.includes(r.status)),
  );
}

export function renderDukcapilList(
  rows: readonly ApplicationRow[],
  filter: ListFilter,
  opts: { officer: string; regency: string; now: Date; unreadable: number; basePath: string },
): string {
  const inPlace = rows.filter(
    (r) =>
      (!filter.kecamatan || kecamatanOf(r.villageCode) === filter.kecamatan) &&
      (!filter.desa || r.villageCode === filter.desa) &&
      (!filter.jenis || r.documentType === filter.jenis),
  );
  const counts = new Map<ApplicationStatus, number>();
  for (const r of inPlace) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const shown = filterRows(rows, filter).sort(
    (a, b) => a.lastAt.localeCompare(b.lastAt) || a.id.localeCompare(b.id),
  );
  const pages = Math.max(1, Math.ceil(shown.length / DUKCAPIL_ROWS_PER_PAGE));
  const pageNo = Math.min(filter.page, pages);
  const slice = shown.slice((pageNo - 1) * DUKCAPIL_ROWS_PER_PAGE, pageNo * DUKCAPIL_ROWS_PER_PAGE);
  const villages = new Map<string, string>();
  const districts = new Map<string, string>();
  for (const r of rows) {
    villages.set(r.villageCode, r.villageName || formatVillageCode(r.villageCode as VillageCode));
    districts.set(kecamatanOf(r.villageCode), r.districtName || kecamatanOf(r.villageCode));
  }
  const option = (value: string, label: string, selected: string) =>
    `<option value="${e(value)}"${value === selected ? ' selected' : ''}>${e(label)}</option>`;
  const query = (over: Partial<ListFilter>) => {
    const q = new URLSearchParams();
    const f = { ...filter, ...over };
    if (f.kecamatan) q.set('kecamatan', f.kecamatan);
    if (f.desa) q.set('desa', f.desa);
    if (f.jenis) q.set('jenis', f.jenis);
    if (f.status) q.set('status', f.status);
    if (f.page > 1) q.set('halaman', String(f.page));
    const s = q.toString();
    return `${opts.basePath}${s ? `?${s}` : ''}`;
  };
  const countList = APPLICATION_STATUSES.filter((s) => s !== 'draf')
    .map(
      (s) =>
        `<li data-status="${e(s)}"><a href="${e(query({ status: s, page: 1 }))}">${e(APPLICATION_STATUS_LABELS[s])}: <strong>${e(number.format(counts.get(s) ?? 0))}</strong></a></li>`,
    )
    .join('');
  const body = slice
    .map((r) => {
      const age = ageDays(r.lastAt, opts.now);
      const link = `${opts.basePath}/permohonan?desa=${encodeURIComponent(r.villageCode)}&id=${encodeURIComponent(r.id)}`;
      return `<tr${age >= 14 && OPEN_AT_DUKCAPIL.includes(r.status) ? ' class="old"' : ''} data-id="${e(r.id)}">
<td>${e(villages.get(r.villageCode) ?? r.villageCode)}<br><span class="small">${e(formatVillageCode(r.villageCode))}</span></td>
<td>${e(districts.get(kecamatanOf(r.villageCode)) ?? '')}</td>
<td>${e(shortName(r.documentType))}</td>
<td>${e(r.subjectName)}</td>
<td>${e(dateTime.format(new Date(r.lastAt)))}${r.submissions > 1 ? `<br><span class="small">dikirim ${e(r.submissions)}×</span>` : ''}</td>
<td class="n">${e(age)}</td>
<td>${statusCell(r.status)}</td>
<td><a href="${e(link)}">Buka</a></td></tr>`;
    })
    .join('\n');
  const nav =
    pages > 1
      ? `<p>Halaman ${e(pageNo)} dari ${e(pages)}. ${pageNo > 1 ? `<a rel="prev" href="${e(query({ page: pageNo - 1 }))}">« Sebelumnya</a>` : ''} ${pageNo < pages ? `<a rel="next" href="${e(query({ page: pageNo + 1 }))}">Berikutnya »</a>` : ''}</p>`
      : '';
  return page(
    'Permohonan',
    opts.officer,
    `<h1>Permohonan dokumen kependudukan — Kabupaten ${e(opts.regency.slice(0, 2))}.${e(opts.regency.slice(2))}</h1>
<ul class="counts">${countList}</ul>
${opts.unreadable > 0 ? `<p class="msg err">${e(opts.unreadable)} desa tidak dapat dibaca.</p>` : ''}
<form class="filter" method="get" action="${e(opts.basePath)}">
<label>Kecamatan<select name="kecamatan">${option('', 'Semua', filter.kecamatan)}${[...districts]
      .sort()
      .map(([c, n]) => option(c, `${n} (${c})`, filter.kecamatan))
      .join('')}</select></label>
<label>Desa<select name="desa">${option('', 'Semua', filter.desa)}${[...villages]
      .sort((a, b) => a[1].localeCompare(b[1]))
      .map(([c, n]) => option(c, n, filter.desa))
      .join('')}</select></label>
<label>Jenis dokumen<select name="jenis">${option('', 'Semua', filter.jenis)}${DUKCAPIL_DOCUMENT_TYPES.map(
      (t) => option(t, shortName(t), filter.jenis),
    ).join('')}</select></label>
<label>Status<select name="status">${option('', 'Menunggu Dukcapil', filter.status)}${APPLICATION_STATUSES.filter(
      (s) => s !== 'draf',
    )
      .map((s) => option(s, APPLICATION_STATUS_LABELS[s], filter.status))
      .join('')}</select></label>
<button type="submit">Tampilkan</button>
</form>
<p>${e(number.format(shown.length))} permohonan${filter.status ? '' : ' menunggu tindakan Dukcapil'}, yang terlama di atas. Umur: hari sejak dikirim terakhir; kuning: 14 hari atau lebih.</p>
<table>
<thead><tr><th>Desa</th><th>Kecamatan</th><th>Jenis dokumen</th><th>Nama</th><th>Dikirim</th><th>Umur (hari)</th><th>Status</th><th></th></tr></thead>
<tbody>
${body || '<tr><td colspan="8">Tidak ada permohonan.</td></tr>'}
</tbody>
</table>
${nav}`,
  );
}

export function renderApplicationPage(
  detail: ApplicationDetail,
  opts: { officer: string; basePath: string; message?: { ok: boolean; text: string } },
): string {
  const app = detail.application;
  const def = dukcapilDocument(app.documentType as DukcapilDocumentType);
  const fields = def.fields
    .map((f) => `<dt>${e(f.label)}</dt><dd>${e(app.fields[f.key] ?? '—')}</dd>`)
    .join('');
  const people = app.subjects
    .map((s) => {
      const label = def.subjects.find((x) => x.role === s.role)?.label ?? s.role;
      return `<dt>${e(label)}</dt><dd>${e(s.name)}${s.nik ? ` (NIK ${e(s.nik)})` : ''}</dd>`;
    })
    .join('');
  const photosById = new Map(detail.photos.map((p) => [p.id, p]));
  const evidence = def.requirements
    .map((r) => {
      const ids = app.evidence[r.code] ?? [];
      const figures = ids
        .map((id) => photosById.get(id))
        .map((p, i) =>
          p
            ? `<figure><img alt="${e(DUKCAPIL_REQUIREMENTS[r.code])}" src="data:image/jpeg;base64,${p.data}"><figcaption>${e(DUKCAPIL_REQUIREMENTS[r.code])}</figcaption></figure>`
            : `<figure><figcaption class="missing">Foto ${e(i + 1)} belum sampai (${e(DUKCAPIL_REQUIREMENTS[r.code])})</figcaption></figure>`,
        )
        .join('');
      return (
        figures ||
        `<figure><figcaption class="${r.required ? 'missing' : 'small'}">Tanpa foto: ${e(DUKCAPIL_REQUIREMENTS[r.code])}</figcaption></figure>`
      );
    })
    .join('');
  const history = [
    ...app.submissions.map((s, i) => ({
      at: s.at,
      text: `${i === 0 ? 'Dikirim desa' : `Dikirim lagi (ke-${i + 1})`} oleh ${s.by}${s.note ? `: ${s.note}` : ''}`,
    })),
    ...detail.decisions.map((d) => ({
      at: d.createdAt,
      text: `${DECISION_STEP_LABELS[d.step]} oleh ${d.officer}${d.note ? `: ${d.note}` : ''}${d.documentNumber ? ` — nomor ${d.documentNumber}` : ''}${d.kkNumber ? `, KK ${d.kkNumber}` : ''}${d.subjectNik ? `, NIK ${d.subjectNik}` : ''}`,
    })),
  ]
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((h) => `<li>${e(dateTime.format(new Date(h.at)))} — ${e(h.text)}</li>`)
    .join('');
  const open = OPEN_AT_DUKCAPIL.includes(detail.status);
  const decisionForm = open
    ? `<h2>Catat keputusan</h2>
<form method="post" action="${e(opts.basePath)}/keputusan" enctype="multipart/form-data">
<input type="hidden" name="desa" value="${e(app.villageCode)}">
<input type="hidden" name="id" value="${e(app.id)}">
<label>Keputusan<select name="step" required>${DECISION_STEPS.map((s) => `<option value="${e(s)}">${e(DECISION_STEP_LABELS[s])}</option>`).join('')}</select></label>
<label>Catatan (wajib untuk perlu perbaikan dan ditolak: apa yang harus diperbaiki / alasannya)<textarea name="note" rows="3" cols="60" maxlength="1000"></textarea></label>
<fieldset><legend>Bila terbit</legend>
<label>Nomor dokumen<input name="documentNumber" maxlength="60"></label>
${def.issuesKk ? `<label>Nomor KK baru<input name="kkNumber" inputmode="numeric" maxlength="16"></label>` : ''}
${app.documentType === 'akta-kelahiran' ? `<label>NIK anak<input name="subjectNik" inputmode="numeric" maxlength="16"></label>` : ''}
<label>Dokumen terbit (PDF, ditandatangani elektronik, dicetak di A4)<input type="file" name="pdf" accept="application/pdf"></label>
</fieldset>
<p><button type="submit">Simpan keputusan</button></p>
</form>`
    : `<p class="small">Permohonan ini tidak menunggu keputusan Dukcapil.</p>`;
  const msg = opts.message
    ? `<p class="msg ${opts.message.ok ? 'ok' : 'err'}" role="status">${e(opts.message.text)}</p>`
    : '';
  return page(
    shortName(app.documentType),
    opts.officer,
    `<p><a href="${e(opts.basePath)}">« Daftar permohonan</a></p>
<h1>${e(def.name)} — ${e(app.subjectName)}</h1>
${msg}
<p>${statusCell(detail.status)} · ${e(villageName({ code: app.villageCode as VillageCode, names: detail.villageNames }))}${
      detail.villageNames ? ` (${e(formatVillageCode(app.villageCode as VillageCode))})` : ''
    } · formulir ${e(def.form)} · <span class="small">${e(app.id)}</span></p>
${eventLine(detail.event)}
<div class="cols">
<section><h2>Data formulir</h2><dl>
<dt>Nama</dt><dd>${e(app.subjectName)}</dd>
<dt>NIK</dt><dd>${e(app.subjectNik || '— (belum ada)')}</dd>
${def.fields.some((f) => f.key === 'nomorKk') ? '' : `<dt>Nomor KK</dt><dd>${e(app.kkNumber || '—')}</dd>`}
${fields}${people}</dl></section>
<section><h2>Riwayat</h2><ol>${history}</ol></section>
</div>
<h2>Persyaratan</h2>
<div class="photos">${evidence}</div>
${decisionForm}`,
  );
}

/** The population event the village recorded, as the village's register had it. */
function eventLine(event: PopulationEventDoc | null): string {
  if (!event) return '';
  return `<p class="event">Peristiwa dicatat desa: <strong>${e(EVENT_KIND_LABELS[event.kind])}</strong> ${e(event.subjectName)} · tanggal peristiwa ${e(event.eventDate)} · tanggal lapor ${e(event.reportDate)} · oleh ${e(event.recordedBy)}${event.place ? ` · ${e(event.place)}` : ''}</p>`;
}

export function renderMessagePage(officer: string, basePath: string, text: string): string {
  return page(
    'Pesan',
    officer,
    `<p class="msg err" role="alert">${e(text)}</p><p><a href="${e(basePath)}">« Daftar permohonan</a></p>`,
  );
}
