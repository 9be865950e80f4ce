// The administration page "Perencanaan" (decision 0028): the regency's planning settings for a
// fiscal year — the national priorities a proposal can serve, the musdes criteria and weights,
// after how many days a project counts as stalled — as a version of the `planning-settings`
// document every kiosk reads (shared/planning/settings.ts: the newest for the year wins).
import { z } from 'zod';
import { criterionSchema } from '../../shared/documents/planning';
import { DEFAULT_PLANNING_SETTINGS, type PlanningSettings } from '../../shared/planning/settings';
import { escapeHtml as e } from './dashboard-page';
import { ADMIN_PATH } from './admin-shell';
import type { RegencyVersion } from './regency-documents';

export interface PlanningForm {
  fiscalYear: number;
  priorities: { code: string; name: string }[];
  criteria: { key: string; name: string; weight: number }[];
  stalledDays: number;
}

const prioritySchema = z.object({
  code: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, 'Kode prioritas: huruf kecil, angka atau -, paling banyak 40.'),
  name: z
    .string()
    .min(1, 'Nama prioritas wajib diisi.')
    .max(120, 'Nama prioritas paling banyak 120 karakter.'),
});

/** One `a | b | c` line → its trimmed parts. */
const cells = (line: string) => line.split('|').map((c) => c.trim());
const linesOf = (text: string) =>
  text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** The form validated whole; the first problem in Bahasa, naming the line, otherwise. */
export function readPlanningForm(get: (key: string) => string): PlanningForm | string {
  const year = Number(get('tahun'));
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    return 'Tahun anggaran harus 2000–2100.';
  const days = Number(get('hari'));
  if (!Number.isInteger(days) || days < 1 || days > 365)
    return 'Hari macet harus bilangan bulat 1–365.';
  const priorities: PlanningForm['priorities'] = [];
  for (const [i, line] of linesOf(get('prioritas')).entries()) {
    const [code = '', ...rest] = cells(line);
    const parsed = prioritySchema.safeParse({ code, name: rest.join(' | ') });
    if (!parsed.success) return `Prioritas baris ${i + 1}: ${parsed.error.issues[0]!.message}`;
    priorities.push(parsed.data);
  }
  if (priorities.length < 1 || priorities.length > 30) return 'Prioritas: 1 sampai 30 baris.';
  const criteria: PlanningForm['criteria'] = [];
  for (const [i, line] of linesOf(get('kriteria')).entries()) {
    const [key = '', name = '', weight = ''] = cells(line);
    const parsed = criterionSchema.safeParse({ key, name, weight: Number(weight) });
    if (!parsed.success || !/^\d+$/.test(weight)) {
      return `Kriteria baris ${i + 1}: tulis "kunci | nama | bobot", kunci huruf kecil/angka/-, bobot 1–100.`;
    }
    criteria.push(parsed.data);
  }
  if (criteria.length < 1 || criteria.length > 12) return 'Kriteria: 1 sampai 12 baris.';
  for (const [label, list] of [
    ['Kode prioritas', priorities.map((p) => p.code)],
    ['Kunci kriteria', criteria.map((c) => c.key)],
  ] as const) {
    const twice = list.find((x, i) => list.indexOf(x) !== i);
    if (twice) return `${label} "${twice}" tertulis dua kali.`;
  }
  return { fiscalYear: year, priorities, criteria, stalledDays: days };
}

/** The settings in force for a year as the page shows them (the newest version, else defaults). */
export function settingsOfVersion(v: RegencyVersion | undefined): PlanningSettings {
  if (!v) return DEFAULT_PLANNING_SETTINGS;
  const c = v.content as unknown as PlanningForm;
  return {
    priorities: c.priorities.map((p) => [p.code, p.name] as const),
    criteria: c.criteria,
    stalledDays: c.stalledDays,
  };
}

const dateTime = new Intl.DateTimeFormat('id-ID', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Asia/Jakarta',
});

export function planningBody(opts: {
  year: number;
  form: { priorities: string; criteria: string; days: string };
  versions: readonly RegencyVersion[];
}): string {
  const rows = [...opts.versions]
    .reverse()
    .map((v) => {
      const c = v.content as unknown as PlanningForm;
      return `<tr><td>v${v.version}</td><td>${e(dateTime.format(new Date(v.changedAt)))}</td><td>${e(v.changedBy)}</td>
<td>${c.priorities.length} prioritas, ${c.criteria.length} kriteria, macet ${c.stalledDays} hari</td></tr>`;
    })
    .join('\n');
  return `<div class="ui-page-header"><div><h1>Perencanaan</h1>
<p>Prioritas nasional yang dapat dipilih usulan, kriteria dan bobot penilaian musdes, dan batas hari
proyek dianggap macet — per tahun anggaran. Setiap simpanan adalah versi baru yang dikirim ke semua
desa; kios menawarkannya pada usulan dan musdes berikutnya.</p></div></div>
<form method="get" action="${ADMIN_PATH}/perencanaan" class="ui-row">
<label class="ui-field">Tahun anggaran <input name="tahun" inputmode="numeric" size="6" value="${opts.year}"></label>
<button class="ui-button" type="submit">Buka</button></form>
<form method="post" action="${ADMIN_PATH}/perencanaan" class="ui-card ui-form adm-wide">
<input type="hidden" name="tahun" value="${opts.year}">
<div class="adm-cols">
<label class="ui-field">Prioritas (satu per baris: kode | nama)
<textarea name="prioritas" rows="11">${e(opts.form.priorities)}</textarea></label>
<div><label class="ui-field">Kriteria musdes (kunci | nama | bobot)
<textarea name="kriteria" rows="6">${e(opts.form.criteria)}</textarea></label>
<label class="ui-field">Proyek macet setelah (hari tanpa laporan)
<input name="hari" inputmode="numeric" size="5" value="${e(opts.form.days)}"></label></div>
</div>
<div class="ui-actions"><button class="ui-button ui-button--primary" type="submit">Simpan versi baru untuk ${opts.year}</button></div>
</form>
<h2>Versi ${opts.year}</h2>
${
  rows
    ? `<div class="ui-table-wrap"><table class="ui-table"><thead><tr><th>Versi</th><th>Waktu</th><th>Oleh</th><th>Isi</th></tr></thead><tbody>${rows}</tbody></table></div>`
    : '<p class="adm-small">Belum ada versi kabupaten untuk tahun ini: kios memakai pengaturan bawaan.</p>'
}`;
}

/** The settings as the form's text. */
export function planningFormText(s: PlanningSettings): {
  priorities: string;
  criteria: string;
  days: string;
} {
  return {
    priorities: s.priorities.map(([code, name]) => `${code} | ${name}`).join('\n'),
    criteria: s.criteria.map((c) => `${c.key} | ${c.name} | ${c.weight}`).join('\n'),
    days: String(s.stalledDays),
  };
}
