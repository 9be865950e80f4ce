// The administration page "Data referensi dan kop" (decision 0028): the regency's logo and name on
// every village's letterhead (the village profile the kiosks pull), and reference-data updates —
// an account, bidang, kegiatan, funding source or tax rate with the fiscal year it takes effect from — as
// versions of `reference` documents (the kiosk reads the newest for a year from that year on).
import { z } from 'zod';
import { REFERENCE_KINDS } from '../../shared/documents/budget';
import { logoDataUrl, logoProblem } from '../../shared/letters/logo';
import { escapeHtml as e } from './dashboard-page';
import { ADMIN_PATH } from './admin-shell';
import type { RegencyVersion } from './regency-documents';

export const REFERENCE_KIND_LABELS: Record<(typeof REFERENCE_KINDS)[number], string> = {
  account: 'Rekening',
  bidang: 'Bidang',
  kegiatan: 'Kegiatan',
  'funding-source': 'Sumber dana',
  tax: 'Tarif pajak',
};

const referenceFormSchema = z
  .object({
    kind: z.enum(REFERENCE_KINDS, { error: 'Jenis referensi tidak dikenal.' }),
    code: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z.]{1,16}$/, 'Kode: angka, huruf dan titik, paling banyak 16.'),
    name: z
      .string()
      .trim()
      .min(1, 'Nama wajib diisi.')
      .max(300, 'Nama paling banyak 300 karakter.'),
    fiscalYear: z.coerce
      .number({ error: 'Tahun berlaku harus angka.' })
      .int('Tahun berlaku harus bilangan bulat.')
      .min(2000, 'Tahun berlaku 2000–2100.')
      .max(2100, 'Tahun berlaku 2000–2100.'),
    active: z.boolean(),
    /** A tax's withholding rate typed as a percent ("11", "1,5"), kept in basis points. */
    rate: z
      .string()
      .trim()
      .transform((typed, ctx) => {
        if (typed === '') return null;
        const match = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(typed);
        const basisPoints = match
          ? Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
          : NaN;
        if (!(basisPoints <= 10000)) {
          ctx.addIssue({
            code: 'custom',
            message: 'Tarif pajak: persen 0–100, misalnya 11 atau 1,5.',
          });
          return z.NEVER;
        }
        return basisPoints;
      }),
  })
  .refine((form) => (form.kind === 'tax') === (form.rate !== null), {
    message: 'Tarif (%) diisi untuk tarif pajak saja, dan wajib untuknya.',
  });
export type ReferenceForm = z.infer<typeof referenceFormSchema>;

export function readReferenceForm(get: (key: string) => string): ReferenceForm | string {
  const parsed = referenceFormSchema.safeParse({
    kind: get('jenis'),
    code: get('kode'),
    name: get('nama'),
    fiscalYear: get('tahun'),
    active: get('aktif') !== 'tidak',
    rate: get('tarif'),
  });
  return parsed.success ? parsed.data : (parsed.error.issues[0]?.message ?? 'Isian tidak sah.');
}

/** The uploaded logo as a data URL, or what is wrong with it in Bahasa. */
export function readLogo(bytes: Uint8Array): string | { problem: string } {
  const url = logoDataUrl(bytes);
  if (!url) return { problem: 'Logo harus berkas PNG, JPEG atau SVG.' };
  const problem = logoProblem(url);
  return problem ? { problem } : url;
}

const dateTime = new Intl.DateTimeFormat('id-ID', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Asia/Jakarta',
});

/** The key of the letterhead's versions (type `village-profile`) in the regency's admin database. */
export const LETTERHEAD_KEY = 'kop';

export function referenceBody(opts: {
  regencyName: string;
  logo: string | undefined;
  versions: readonly RegencyVersion[];
  letterheads: readonly RegencyVersion[];
  year: number;
}): string {
  const letterheadRows = [...opts.letterheads]
    .reverse()
    .slice(0, 10)
    .map((v) => {
      const c = v.content as { regencyName?: string; logo?: string | null };
      return `<tr><td>v${v.version}</td><td>${e(dateTime.format(new Date(v.changedAt)))}</td><td>${e(v.changedBy)}</td><td>${e(c.regencyName ?? '')}</td><td>${c.logo ? 'logo baru' : 'logo tetap'}</td></tr>`;
    })
    .join('\n');
  const rows = [...opts.versions]
    .reverse()
    .slice(0, 50)
    .map((v) => {
      const c = v.content as unknown as ReferenceForm;
      return `<tr><td>${e(REFERENCE_KIND_LABELS[c.kind])}</td><td>${e(c.code)}</td><td>${e(c.name)}</td>
<td>${c.fiscalYear}${c.rate === null || c.rate === undefined ? '' : `, ${(c.rate / 100).toLocaleString('id-ID')}%`}</td><td>${c.active ? 'aktif' : 'dihentikan'}</td><td>v${v.version}, ${e(v.changedBy)}, ${e(dateTime.format(new Date(v.changedAt)))}</td></tr>`;
    })
    .join('\n');
  return `<div class="ui-page-header"><div><h1>Data referensi dan kop</h1>
<p>Logo dan nama kabupaten pada kop surat semua desa, dan perubahan data referensi keuangan dengan tahun
anggaran mulai berlakunya. Setiap perubahan dikirim ke semua desa.</p></div></div>
<div class="adm-cols">
<form method="post" action="${ADMIN_PATH}/referensi/kop" enctype="multipart/form-data" class="ui-card ui-form">
<h2>Kop surat</h2>
${opts.logo ? `<p><img src="${e(opts.logo)}" alt="Logo kabupaten sekarang" width="72" height="72"></p>` : '<p class="adm-small">Belum ada logo.</p>'}
<label class="ui-field">Nama kabupaten pada kop <input name="nama" maxlength="80" value="${e(opts.regencyName)}"></label>
<label class="ui-field">Logo baru (PNG, JPEG atau SVG, kecil) <input type="file" name="logo" accept="image/png,image/jpeg,image/svg+xml"></label>
<div class="ui-actions"><button class="ui-button ui-button--primary" type="submit">Simpan kop</button></div>
${
  letterheadRows
    ? `<div class="ui-table-wrap"><table class="ui-table" aria-label="Versi kop"><thead><tr><th>Versi</th><th>Waktu</th><th>Oleh</th><th>Nama</th><th>Logo</th></tr></thead><tbody>${letterheadRows}</tbody></table></div>`
    : '<p class="adm-small">Belum ada perubahan kop dari kabupaten.</p>'
}
</form>
<form method="post" action="${ADMIN_PATH}/referensi" class="ui-card ui-form">
<h2>Perubahan data referensi</h2>
<label class="ui-field">Jenis <select name="jenis">${Object.entries(REFERENCE_KIND_LABELS)
    .map(([k, label]) => `<option value="${k}">${e(label)}</option>`)
    .join('')}</select></label>
<label class="ui-field">Kode <input name="kode" maxlength="16" placeholder="01.01.01."></label>
<label class="ui-field">Nama <input name="nama" maxlength="300"></label>
<label class="ui-field">Tarif (%), untuk tarif pajak <input name="tarif" inputmode="decimal" size="6" placeholder="11"></label>
<label class="ui-field">Berlaku mulai tahun anggaran <input name="tahun" inputmode="numeric" size="6" value="${opts.year}"></label>
<label class="ui-field">Status <select name="aktif"><option value="ya">Aktif</option><option value="tidak">Dihentikan</option></select></label>
<div class="ui-actions"><button class="ui-button ui-button--primary" type="submit">Simpan perubahan</button></div>
</form></div>
<h2>Perubahan terakhir</h2>
${
  rows
    ? `<div class="ui-table-wrap"><table class="ui-table"><thead><tr><th>Jenis</th><th>Kode</th><th>Nama</th><th>Berlaku</th><th>Status</th><th>Versi</th></tr></thead><tbody>${rows}</tbody></table></div>`
    : '<p class="adm-small">Belum ada perubahan kabupaten: kios memakai tabel bawaan Permendagri 20/2018.</p>'
}`;
}
