// The administration page "Redaksi surat" (decision 0028): the regency's wording of one letter
// type, its versions, and the letter as the kiosk prints it — drawn by the kiosk's own
// `letterBlocks` and `letterHtml` (shared/letters/template.ts) from a sample resident, so the
// preview cannot differ from the paper. A Word copy is the same HTML served as `.doc`.
import { z } from 'zod';
import {
  LETTER_TYPES,
  LETTER_TYPE_CODES,
  letterTypeName,
  type LetterTypeCode,
} from '../../shared/letter-types';
import {
  DEFAULT_PAGE,
  letterBlocks,
  letterHtml,
  type LetterWording,
} from '../../shared/letters/template';
import { requestType } from '../../shared/requests/catalogue';
import { localDate } from '../../shared/dates';
import type { VillageNames } from '../provision/area-names';
import { escapeHtml as e } from './dashboard-page';
import { ADMIN_PATH } from './admin-shell';
import type { RegencyVersion } from './regency-documents';

/** What the form posts, validated whole before anything is written (messages in Bahasa). */
export const wordingFormSchema = z.object({
  letterType: z.enum(LETTER_TYPE_CODES, { error: 'Jenis surat tidak dikenal.' }),
  title: z.string().trim().max(120, 'Judul paling banyak 120 karakter.'),
  body: z
    .array(z.string().max(1000, 'Satu paragraf paling banyak 1.000 karakter.'))
    .max(8, 'Paling banyak 8 paragraf.'),
  closing: z.string().trim().max(500, 'Penutup paling banyak 500 karakter.'),
});
export type WordingForm = z.infer<typeof wordingFormSchema>;

/** Paragraphs are separated by an empty line in the text area. */
export function paragraphsOf(text: string): string[] {
  return text
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
}

/** The form's fields as text, checked; the first problem in Bahasa otherwise. */
export function readWordingForm(get: (key: string) => string): WordingForm | string {
  const parsed = wordingFormSchema.safeParse({
    letterType: get('jenis'),
    title: get('judul'),
    body: paragraphsOf(get('isi')),
    closing: get('penutup'),
  });
  if (!parsed.success) return parsed.error.issues[0]?.message ?? 'Isian tidak sah.';
  const unknown = unknownPlaceholders(parsed.data);
  if (unknown.length) {
    return `Isian {${unknown.join('}, {')}} tidak dikenal untuk ${letterTypeName(parsed.data.letterType)}.`;
  }
  return parsed.data;
}

/** `{nama}`, `{nik}`, `{desa}`, `{kecamatan}`, `{kabupaten}` and the type's own fields. */
export function placeholdersOf(type: LetterTypeCode): string[] {
  return [
    'nama',
    'nik',
    'desa',
    'kecamatan',
    'kabupaten',
    ...(requestType(type)?.fields.map((f) => f.key) ?? []),
  ];
}

function unknownPlaceholders(form: WordingForm): string[] {
  const known = new Set(placeholdersOf(form.letterType));
  const used = [...form.body, form.closing, form.title].flatMap((t) =>
    [...t.matchAll(/\{([a-zA-Z0-9_-]+)\}/g)].map((m) => m[1]!),
  );
  return [...new Set(used.filter((k) => !known.has(k)))];
}

/** The letter of a sample resident of the village, exactly as a kiosk renders it. */
export function sampleLetterHtml(
  type: LetterTypeCode,
  names: VillageNames,
  wording: LetterWording | undefined,
  logo?: string,
): string {
  const fields: Record<string, string> = {};
  for (const f of requestType(type)?.fields ?? []) {
    fields[f.key] =
      f.kind === 'date'
        ? localDate()
        : f.kind === 'select'
          ? (f.options?.[0] ?? '')
          : `[${f.label}]`;
  }
  const person = {
    nik: '5106010101800001',
    name: 'I Made Contoh Warga',
    birthPlace: 'Bangli',
    birthDate: '1980-01-01',
    sex: 'L' as const,
    religion: 'Hindu',
    maritalStatus: 'Kawin',
    occupation: 'Petani',
    nationality: 'WNI',
    rt: '001',
    rw: '002',
    dusun: 'Banjar Kaja',
  };
  const people = Object.fromEntries(
    (requestType(type)?.subjects ?? [{ role: 'applicant' }]).map((s) => [s.role, person]),
  );
  const blocks = letterBlocks({
    letterType: type,
    number: `470/001/${names.villageName.toUpperCase()}/${localDate().slice(0, 4)}`,
    date: localDate(),
    village: {
      villageName: names.villageName,
      districtName: names.districtName,
      regencyName: names.regencyName,
      regencyKind: names.regencyKind,
      address: `Kantor Desa ${names.villageName}`,
      ...(logo ? { logo } : {}),
    },
    people,
    fields,
    purpose: 'Contoh keperluan',
    validDays: 30,
    signer: {
      name: 'Nama Kepala Desa',
      position: `Kepala Desa ${names.villageName}`,
      role: 'kepala-desa',
      employeeNumber: '',
    },
    ...(wording ? { wording } : {}),
  });
  return letterHtml(blocks, { page: DEFAULT_PAGE });
}

/**
 * The same letter as a Word document: Word and LibreOffice open HTML saved as `.doc` with the
 * Office namespaces, keeping the text, the table and the page size for a hand correction.
 */
export function wordCopy(letter: string): string {
  return letter.replace(
    /<html([^>]*)>/i,
    '<html$1 xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">',
  );
}

export function wordingOf(v: RegencyVersion | undefined): LetterWording | undefined {
  if (!v) return undefined;
  const c = v.content as { title?: string; body?: string[]; closing?: string };
  return { title: c.title ?? '', body: c.body ?? [], closing: c.closing ?? '' };
}

const dateTime = new Intl.DateTimeFormat('id-ID', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Asia/Jakarta',
});

export function lettersBody(opts: {
  type: LetterTypeCode;
  form: { title: string; body: string; closing: string };
  versions: readonly RegencyVersion[];
  preview: string;
  nonce: string;
}): string {
  const { type, form, versions } = opts;
  const rows = [...versions]
    .reverse()
    .map((v) => {
      const w = wordingOf(v)!;
      return `<tr><td>v${v.version}</td><td>${e(dateTime.format(new Date(v.changedAt)))}</td><td>${e(v.changedBy)}</td>
<td>${e(w.title || '(judul bawaan)')}</td><td>${e(w.body[0] ?? '(isi bawaan)')}</td></tr>`;
    })
    .join('\n');
  return `<div class="ui-page-header"><div><h1>Redaksi surat</h1>
<p>Judul, paragraf yang diterangkan dan penutup per jenis surat. Setiap simpanan adalah versi baru yang
dikirim ke semua desa; kios memakainya untuk surat yang dibuat sesudahnya, surat yang sudah terbit
tetap dengan redaksi lamanya.</p></div></div>
<form method="get" action="${ADMIN_PATH}/surat" class="ui-row">
<label class="ui-field">Jenis surat <select name="jenis">
${LETTER_TYPES.map((t) => `<option value="${t.code}"${t.code === type ? ' selected' : ''}>${e(t.name)}</option>`).join('')}
</select></label><button class="ui-button" type="submit">Buka</button></form>
<div class="adm-cols">
<form method="post" action="${ADMIN_PATH}/surat" class="ui-card ui-form" id="redaksi">
<h2>${e(letterTypeName(type))}</h2>
<input type="hidden" name="jenis" value="${type}">
<label class="ui-field">Judul <input name="judul" maxlength="120" value="${e(form.title)}">
<span class="ui-field-hint">Kosong: judul bawaan.</span></label>
<label class="ui-field">Isi yang diterangkan <textarea name="isi" rows="9">${e(form.body)}</textarea>
<span class="ui-field-hint">Satu baris kosong memisahkan paragraf (paling banyak 8). Kosong: isi bawaan.
Isian: ${placeholdersOf(type)
    .map((p) => `{${e(p)}}`)
    .join(' ')}</span></label>
<label class="ui-field">Penutup <textarea name="penutup" rows="3">${e(form.closing)}</textarea>
<span class="ui-field-hint">Kosong: penutup bawaan.</span></label>
<div class="ui-actions">
<button class="ui-button ui-button--primary" type="submit" name="aksi" value="simpan">Simpan versi baru</button>
<button class="ui-button" type="submit" name="aksi" value="pratinjau">Perbarui pratinjau</button>
<a class="ui-button" href="${ADMIN_PATH}/surat/word?jenis=${type}">Unduh salinan Word (.doc)</a>
</div></form>
<section class="ui-card" aria-label="Pratinjau surat"><h2>Pratinjau F4, seperti dicetak kios</h2>
<iframe class="adm-preview" id="pratinjau" title="Pratinjau surat" sandbox srcdoc="${e(opts.preview)}"></iframe></section>
</div>
<h2>Versi</h2>
${
  rows
    ? `<div class="ui-table-wrap"><table class="ui-table"><thead><tr><th>Versi</th><th>Waktu</th><th>Oleh</th><th>Judul</th><th>Paragraf pertama</th></tr></thead><tbody>${rows}</tbody></table></div>`
    : '<p class="adm-small">Belum ada versi kabupaten: kios memakai redaksi bawaan.</p>'
}
<script nonce="${opts.nonce}">
// The preview follows the typing: the form is posted for a preview only, nothing is saved.
(function () {
  var form = document.getElementById('redaksi');
  var frame = document.getElementById('pratinjau');
  var timer = 0;
  form.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var data = new URLSearchParams(new FormData(form));
      fetch('${ADMIN_PATH}/surat/pratinjau', { method: 'POST', body: data, credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) { if (html !== null) frame.srcdoc = html; });
    }, 300);
  });
})();
</script>`;
}
