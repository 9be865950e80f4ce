// A village letter as data, then as HTML: the anatomy of the reference (kop, title, number,
// opening, identity block, body per letter type, purpose and validity, closing, place and date,
// signature block with "a.n." when the secretary signs for the head, NIP/NIPD, QR only when
// signed). The same HTML is previewed and printed; its page size, margins and font come from the
// village's settings (`@page`), so preview and paper cannot differ. `letterText` is what is hashed
// and signed.
import { formatLongDate } from '../dates';
import { letterTypeName, type LetterTypeCode } from '../letter-types';
import { requestType } from '../requests/catalogue';

export type Paper = 'F4' | 'A4';

export interface PageSettings {
  paper: Paper;
  /** Top, right, bottom, left in millimetres. */
  marginsMm: [number, number, number, number];
  font: 'serif' | 'sans';
  fontSizePt: number;
}

export const DEFAULT_PAGE: PageSettings = {
  paper: 'F4',
  marginsMm: [15, 20, 15, 25],
  font: 'serif',
  fontSizePt: 12,
};

export const PAPER_SIZES: Record<Paper, string> = { F4: '215mm 330mm', A4: '210mm 297mm' };

export interface Person {
  nik: string;
  name: string;
  birthPlace?: string;
  birthDate?: string;
  sex?: 'L' | 'P' | '';
  religion?: string;
  maritalStatus?: string;
  occupation?: string;
  nationality?: string;
  address?: string;
  rt?: string;
  rw?: string;
  dusun?: string;
}

export interface LetterVillage {
  villageName: string;
  districtName: string;
  regencyName: string;
  /** `Kabupaten` (the default, and every letter before it was recorded) or `Kota`. */
  regencyKind?: 'Kabupaten' | 'Kota';
  address: string;
  /** The regency logo as a data URL (shared/letters/logo.ts), drawn at the left of the kop. */
  logo?: string;
}

export interface LetterSigner {
  name: string;
  /** `Kepala Desa` or `Sekretaris Desa`… */
  position: string;
  role: 'kepala-desa' | 'sekretaris' | 'kaur-keuangan' | 'staf';
  /** NIP or NIPD. */
  employeeNumber: string;
}

export interface LetterInput {
  letterType: LetterTypeCode;
  number: string;
  /** `YYYY-MM-DD`. */
  date: string;
  village: LetterVillage;
  /** The people the letter is about, by catalogue role (`applicant`, `mother`…). */
  people: Record<string, Person>;
  fields: Record<string, string>;
  purpose: string;
  /** Days the letter is valid, or 0 for no stated limit. */
  validDays?: number;
  signer: LetterSigner;
  /** The regency's wording for this letter type, where it has sent one. */
  wording?: LetterWording;
}

/** Title, certified paragraphs and closing replacing the built-in ones (empty keeps them). */
export interface LetterWording {
  title: string;
  body: readonly string[];
  closing: string;
}

/** Fills `{nama}`, `{nik}`, `{desa}`… and the extra fields into a regency paragraph. */
function fillWording(text: string, input: LetterInput, main: Person): string {
  const values: Record<string, string> = {
    ...input.fields,
    nama: main.name,
    nik: main.nik,
    desa: input.village.villageName,
    kecamatan: input.village.districtName,
    kabupaten: input.village.regencyName,
  };
  return text.replace(/\{([a-zA-Z0-9_-]+)\}/g, (whole, key: string) => values[key] ?? whole);
}

export type Block =
  | { kind: 'kop'; lines: string[]; address: string; logo?: string }
  | { kind: 'title'; text: string }
  | { kind: 'number'; text: string }
  | { kind: 'para'; text: string }
  | { kind: 'rows'; rows: [string, string][] }
  | { kind: 'people'; rows: [string, string][] }
  | { kind: 'place-date'; text: string }
  | { kind: 'signature'; onBehalf: string; position: string; name: string; id: string };

const SEX = { L: 'Laki-laki', P: 'Perempuan', '': '' } as const;
const TITLES: Partial<Record<LetterTypeCode, string>> = {
  sktm: 'SURAT KETERANGAN TIDAK MAMPU',
  usaha: 'SURAT KETERANGAN USAHA',
};

function identityRows(p: Person): [string, string][] {
  const birth = [p.birthPlace, p.birthDate ? formatLongDate(p.birthDate) : '']
    .filter(Boolean)
    .join(', ');
  const address = [
    p.address,
    p.rt || p.rw ? `RT ${p.rt ?? '-'}/RW ${p.rw ?? '-'}` : '',
    p.dusun ? `Dusun ${p.dusun}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return [
    ['Nama', p.name],
    ['NIK', p.nik],
    ['Tempat/tanggal lahir', birth || '-'],
    ['Jenis kelamin', SEX[p.sex ?? ''] || '-'],
    ['Agama', p.religion || '-'],
    ['Status perkawinan', p.maritalStatus || '-'],
    ['Pekerjaan', p.occupation || '-'],
    ['Kewarganegaraan', p.nationality || 'WNI'],
    ['Alamat', address || '-'],
  ];
}

function shortPerson(p: Person): string {
  return [p.name, `NIK ${p.nik || '-'}`, p.address].filter(Boolean).join(', ');
}

const rupiah = (v: string) =>
  `Rp${new Intl.NumberFormat('id-ID').format(Number(v.replace(/\D/g, '') || 0))}`;
const day = (v: string | undefined) => (v ? formatLongDate(v) : '');

/** The certified fact per letter type, from its extra fields. */
function body(input: LetterInput, main: Person): string[] {
  const f = input.fields;
  const desa = `Desa ${input.village.villageName}`;
  const kec = `Kecamatan ${input.village.districtName}`;
  const who = `Nama tersebut di atas`;
  const join = (...parts: (string | undefined | false)[]) => parts.filter(Boolean).join(' ');
  switch (input.letterType) {
    case 'domisili':
      return [
        `${who} benar-benar bertempat tinggal (berdomisili) di ${desa}, ${kec}, dengan alamat sebagaimana tersebut di atas.`,
      ];
    case 'sktm':
      return [
        `${who} adalah warga ${desa} yang menurut pengetahuan kami dan keterangan Ketua RT/RW setempat termasuk keluarga tidak mampu (kurang mampu secara ekonomi).`,
        ...(f.tanggungan ? [`Anggota keluarga yang ditanggung: ${f.tanggungan}.`] : []),
      ];
    case 'usaha':
      return [
        join(
          `${who} benar-benar mempunyai usaha "${f.namaUsaha ?? ''}"`,
          f.jenisUsaha && `bergerak di bidang ${f.jenisUsaha}`,
          f.alamatUsaha && `yang berlokasi di ${f.alamatUsaha}`,
        ) + ', dan usaha tersebut masih berjalan sampai saat ini.',
      ];
    case 'domisili-usaha':
      return [
        join(
          `${who} benar-benar mempunyai usaha`,
          f.namaUsaha && `"${f.namaUsaha}"`,
          `yang berdomisili di ${f.alamatUsaha || desa}`,
        ) + '.',
      ];
    case 'pengantar':
      return [`${who} adalah warga ${desa}. ${f.keterangan ?? ''}`];
    case 'penduduk':
      return [
        `${who} benar-benar penduduk ${desa}, ${kec}, yang tercatat dalam buku induk penduduk desa.`,
      ];
    case 'skck':
      return [
        `${who} adalah warga ${desa} yang sepanjang pengetahuan kami berkelakuan baik dan tidak pernah tersangkut perkara pidana. Surat ini diberikan sebagai pengantar untuk pembuatan Surat Keterangan Catatan Kepolisian (SKCK).`,
        ...(f.keterangan ? [`Keterangan: ${f.keterangan}`] : []),
      ];
    case 'keramaian':
      return [
        join(
          `${who} akan menyelenggarakan ${f.jenisAcara ?? 'acara'}`,
          f.tanggalAcara && `pada tanggal ${day(f.tanggalAcara)}`,
          f.tempatAcara && `bertempat di ${f.tempatAcara}`,
        ) +
          '. Surat ini diberikan sebagai pengantar permohonan izin keramaian kepada pihak yang berwenang.',
      ];
    case 'kehilangan':
      return [
        `${who} melaporkan telah kehilangan ${f.barang ?? ''}. Rincian: ${f.rincian ?? ''}`,
        `Kronologi: ${f.keterangan ?? ''}`,
      ];
    case 'kelahiran': {
      const baby = input.people.baby;
      return [
        join(
          'Telah lahir seorang anak',
          baby && `bernama ${baby.name}${baby.sex ? `, jenis kelamin ${SEX[baby.sex]}` : ''}`,
          f.tanggalLahir && `pada tanggal ${day(f.tanggalLahir)}`,
          f.jamLahir && `pukul ${f.jamLahir}`,
          f.tempatLahir && `di ${f.tempatLahir}`,
        ) + `, dilaporkan oleh ${main.name} selaku ${f.hubunganPelapor ?? 'pelapor'}.`,
      ];
    }
    case 'kematian': {
      const dead = input.people.deceased ?? main;
      return [
        join(
          `${dead.name} telah meninggal dunia`,
          f.tanggalMeninggal && `pada tanggal ${day(f.tanggalMeninggal)}`,
          f.jamMeninggal && `pukul ${f.jamMeninggal}`,
          f.tempatMeninggal && `di ${f.tempatMeninggal}`,
          f.sebab && `disebabkan ${f.sebab}`,
        ) +
          `. Dilaporkan oleh ${input.people.applicant?.name ?? '-'} selaku ${f.hubunganPelapor ?? 'pelapor'}.`,
      ];
    }
    case 'pindah':
      return [
        `${who} bermaksud pindah ke ${f.alamatTujuan ?? ''} dengan alasan ${f.alasan ?? ''}${f.jenisPindah ? ` (${f.jenisPindah})` : ''}.`,
        ...(f.anggotaPindah ? [`Anggota keluarga yang ikut pindah: ${f.anggotaPindah}.`] : []),
      ];
    case 'nikah':
      return [
        join(
          `${who}${f.statusPerkawinan ? ` berstatus ${f.statusPerkawinan}` : ''} bermaksud melangsungkan pernikahan dengan ${input.people.partner?.name ?? '-'}`,
          f.rencanaTanggal && `pada tanggal ${day(f.rencanaTanggal)}`,
          f.rencanaTempat && `di ${f.rencanaTempat}`,
        ) + '.',
      ];
    case 'beda-identitas':
      return [
        `Terdapat perbedaan data${f.dokumen ? ` pada ${f.dokumen}` : ''}: ${f.dataBerbeda ?? ''}. Data-data tersebut adalah benar satu orang yang sama, yaitu nama tersebut di atas.`,
      ];
    case 'ktp-proses':
      return [
        `${who} adalah penduduk ${desa} dan saat ini Kartu Tanda Penduduk Elektronik (KTP-el) yang bersangkutan sedang dalam proses pencetakan. Surat ini berlaku sebagai pengganti sementara KTP-el.`,
      ];
    case 'penghasilan-ortu':
      return [
        join(
          `${who} adalah orang tua`,
          f.namaAnak && `dari ${f.namaAnak}`,
          f.sekolah && `yang bersekolah/kuliah di ${f.sekolah}`,
        ) + `, dengan penghasilan rata-rata per bulan sebesar ${rupiah(f.penghasilan ?? '0')}.`,
      ];
  }
}

/** `Kabupaten Banyuwangi`, `Kota Batu`. */
const regencyOf = (v: LetterVillage) => `${v.regencyKind ?? 'Kabupaten'} ${v.regencyName}`;

/** The letter as blocks: what is shown, printed and (as text) hashed and signed. */
export function letterBlocks(input: LetterInput): Block[] {
  const v = input.village;
  const type = requestType(input.letterType);
  const mainRole = input.letterType === 'kematian' ? 'deceased' : 'applicant';
  const main = input.people[mainRole] ?? input.people.applicant ?? { nik: '', name: '' };
  const others: [string, string][] = (type?.subjects ?? [])
    .filter((s) => s.role !== mainRole && input.people[s.role])
    .map((s) => [s.label, shortPerson(input.people[s.role]!)]);

  const headSigns = input.signer.role === 'kepala-desa';
  const wording = input.wording;
  const title =
    wording?.title || (TITLES[input.letterType] ?? letterTypeName(input.letterType).toUpperCase());
  const certified = wording?.body.length
    ? wording.body.map((text) => fillWording(text, input, main))
    : body(input, main);
  const validity = input.validDays
    ? ` Surat keterangan ini berlaku ${input.validDays} hari sejak tanggal dikeluarkan.`
    : '';
  return [
    {
      kind: 'kop',
      lines: [
        `PEMERINTAH ${regencyOf(v).toUpperCase()}`,
        `KECAMATAN ${v.districtName.toUpperCase()}`,
        `DESA ${v.villageName.toUpperCase()}`,
      ],
      address: v.address,
      ...(v.logo ? { logo: v.logo } : {}),
    },
    { kind: 'title', text: title },
    { kind: 'number', text: `Nomor: ${input.number}` },
    {
      kind: 'para',
      text: `Yang bertanda tangan di bawah ini, ${headSigns ? '' : 'a.n. '}Kepala Desa ${v.villageName}, Kecamatan ${v.districtName}, ${regencyOf(v)}, menerangkan dengan sebenarnya bahwa:`,
    },
    { kind: 'rows', rows: identityRows(main) },
    ...(others.length ? [{ kind: 'people' as const, rows: others }] : []),
    ...certified.map((text) => ({ kind: 'para' as const, text })),
    {
      kind: 'para',
      text: `Surat keterangan ini diberikan untuk keperluan: ${input.purpose}.${validity}`,
    },
    {
      kind: 'para',
      text:
        wording?.closing ||
        'Demikian surat keterangan ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.',
    },
    { kind: 'place-date', text: `${v.villageName}, ${formatLongDate(input.date)}` },
    {
      kind: 'signature',
      onBehalf: headSigns ? '' : `a.n. Kepala Desa ${v.villageName}`,
      position: headSigns ? `Kepala Desa ${v.villageName}` : input.signer.position,
      name: input.signer.name,
      id: input.signer.employeeNumber ? `NIP/NIPD ${input.signer.employeeNumber}` : '',
    },
  ];
}

/** The letter's text, one block per line: what the SHA-256 in the signature covers. */
export function letterText(blocks: readonly Block[]): string {
  return blocks
    .map((b) => {
      switch (b.kind) {
        case 'kop':
          return [...b.lines, b.address].join('\n');
        case 'rows':
        case 'people':
          return b.rows.map(([k, v]) => `${k}: ${v}`).join('\n');
        case 'signature':
          return [b.onBehalf, b.position, b.name, b.id].filter(Boolean).join('\n');
        default:
          return b.text;
      }
    })
    .join('\n')
    .normalize('NFC');
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Roughly how many printed lines the letter takes at 12 pt, to tighten long letters. */
function estimateLines(blocks: readonly Block[], charsPerLine: number): number {
  const lines = (s: string, width = charsPerLine) => Math.max(1, Math.ceil(s.length / width));
  let n = 0;
  for (const b of blocks) {
    if (b.kind === 'rows' || b.kind === 'people') {
      n += b.rows.reduce((sum, [, v]) => sum + lines(v, charsPerLine * 0.65), 0) + 1;
    } else if (b.kind === 'para') n += lines(b.text) + 0.5;
    else if (b.kind === 'kop') n += 6;
    else if (b.kind === 'signature') n += 9;
    else n += 1.5;
  }
  return n;
}

export interface RenderOptions {
  page?: PageSettings;
  /** An SVG of the verification QR: given only for a signed letter. */
  qrSvg?: string;
  /** A reprint: marked "SALINAN" (copy). */
  copy?: boolean;
}

/** The complete HTML document: the preview and the print are this same page. */
export function letterHtml(blocks: readonly Block[], options: RenderOptions = {}): string {
  const page = options.page ?? DEFAULT_PAGE;
  const [mt, mr, mb, ml] = page.marginsMm;
  const widthMm = (page.paper === 'F4' ? 215 : 210) - mr - ml;
  const heightMm = (page.paper === 'F4' ? 330 : 297) - mt - mb;
  // Lines that fit at the chosen size, and the size that fits the letter on one page.
  const capacity = (pt: number, lh: number) => heightMm / ((pt * lh * 25.4) / 72);
  const chars = (pt: number) => Math.floor(widthMm / ((pt * 0.5 * 25.4) / 72));
  let pt = page.fontSizePt;
  let lh = 1.35;
  while (pt > 9 && estimateLines(blocks, chars(pt)) > capacity(pt, lh) * 0.92) {
    if (lh > 1.15) lh = Math.round((lh - 0.1) * 100) / 100;
    else pt -= 0.5;
  }
  const family =
    page.font === 'serif'
      ? '"Times New Roman", "Liberation Serif", "DejaVu Serif", serif'
      : 'Arial, "Liberation Sans", "DejaVu Sans", sans-serif';

  const numberBlock = blocks.find((b) => b.kind === 'number');
  const title = numberBlock?.kind === 'number' ? numberBlock.text : 'Surat';
  const html = blocks
    .map((b) => {
      switch (b.kind) {
        case 'kop':
          // The logo is an <img>: an SVG inside one runs no script and loads nothing else.
          return `<header class="kop${b.logo ? ' with-logo' : ''}">${b.logo ? `<img class="kop-logo" alt="" src="${esc(b.logo)}">` : ''}<div class="kop-text">${b.lines.map((l, i) => `<div class="kop-${i}">${esc(l)}</div>`).join('')}<div class="kop-address">${esc(b.address)}</div></div></header>`;
        case 'title':
          return `<h1>${esc(b.text)}</h1>`;
        case 'number':
          return `<p class="number">${esc(b.text)}</p>`;
        case 'para':
          return `<p>${esc(b.text)}</p>`;
        case 'rows':
        case 'people':
          return `<table class="${b.kind}">${b.rows.map(([k, v]) => `<tr><td class="k">${esc(k)}</td><td class="c">:</td><td>${esc(v)}</td></tr>`).join('')}</table>`;
        case 'place-date':
          return `<p class="place-date">${esc(b.text)}</p>`;
        case 'signature':
          return `<section class="signature">${b.onBehalf ? `<div>${esc(b.onBehalf)}</div>` : ''}<div>${esc(b.position)}</div><div class="space">${options.qrSvg ? `<div class="qr">${options.qrSvg}</div>` : ''}</div><div class="name">${esc(b.name)}</div>${b.id ? `<div>${esc(b.id)}</div>` : ''}</section>`;
      }
    })
    .join('\n');

  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
@page { size: ${PAPER_SIZES[page.paper]}; margin: ${mt}mm ${mr}mm ${mb}mm ${ml}mm; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { font-family: ${family}; font-size: ${pt}pt; line-height: ${lh}; }
.surat { width: ${widthMm}mm; position: relative; }
.kop { text-align: center; border-bottom: 3px double #000; padding-bottom: 2mm; margin-bottom: 4mm; }
.kop.with-logo { display: grid; grid-template-columns: 24mm 1fr 24mm; align-items: center; }
.kop-logo { width: 22mm; height: 22mm; object-fit: contain; }
.kop-0, .kop-1 { font-size: 1.1em; font-weight: bold; }
.kop-2 { font-size: 1.35em; font-weight: bold; }
.kop-address { font-size: 0.85em; }
h1 { font-size: 1.1em; text-align: center; text-decoration: underline; margin: 0; }
.number { text-align: center; margin: 0 0 3mm; }
p { margin: 0 0 1.5mm; text-align: justify; }
table { border-collapse: collapse; margin: 0 0 2mm 8mm; width: calc(100% - 8mm); }
td { vertical-align: top; padding: 0; overflow-wrap: anywhere; }
td.k { width: 42mm; } td.c { width: 4mm; }
table.people td.k { width: 32mm; }
.place-date { margin-top: 3mm; margin-left: 55%; text-align: left; }
.signature { margin-left: 55%; break-inside: avoid; }
.signature .space { height: 28mm; }
.signature .name { font-weight: bold; text-decoration: underline; }
.qr { width: 28mm; height: 28mm; }
.qr svg { width: 100%; height: 100%; }
.copy { position: absolute; top: 0; right: 0; border: 2px solid #000; padding: 1mm 3mm; font-weight: bold; }
</style></head>
<body><article class="surat">${options.copy ? '<div class="copy">SALINAN</div>' : ''}
${html}
</article></body></html>`;
}
