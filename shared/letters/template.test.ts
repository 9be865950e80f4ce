import { describe, expect, it } from 'vitest';
import { letterBlocks, letterHtml, letterText, type LetterInput } from './template';

const input: LetterInput = {
  letterType: 'usaha',
  number: '500/001-K1/35.10.17.2001/XI/2026',
  date: '2026-11-28',
  village: {
    villageName: 'Sumberwaru',
    districtName: 'Kalibaru',
    regencyName: 'Banyuwangi',
    address: 'Jl. Raya 1',
  },
  people: { applicant: { nik: '3510171708450001', name: 'Budi <Santoso>', sex: 'L' } },
  fields: { namaUsaha: 'Toko Makmur', jenisUsaha: 'kelontong' },
  purpose: 'Pengajuan kredit usaha',
  signer: {
    name: 'Hj. Sulastri',
    position: 'Kepala Desa',
    role: 'kepala-desa',
    employeeNumber: '',
  },
};

describe('letter template', () => {
  it('follows the anatomy: kop, underlined title, number, identity, body, closing, signer', () => {
    const text = letterText(letterBlocks(input));
    expect(text).toMatch(/^PEMERINTAH KABUPATEN BANYUWANGI\nKECAMATAN KALIBARU\nDESA SUMBERWARU/);
    expect(text).toContain('SURAT KETERANGAN USAHA\nNomor: 500/001-K1/35.10.17.2001/XI/2026');
    expect(text).toContain('NIK: 3510171708450001');
    expect(text).toContain('"Toko Makmur" bergerak di bidang kelontong');
    expect(text).toContain('keperluan: Pengajuan kredit usaha.');
    expect(text).toContain('Sumberwaru, 28 November 2026\nKepala Desa Sumberwaru\nHj. Sulastri');
    expect(text).not.toContain('a.n.');
  });

  it('signs "a.n. Kepala Desa" when the secretary signs, with the NIP', () => {
    const text = letterText(
      letterBlocks({
        ...input,
        signer: {
          name: 'Ahmad',
          position: 'Sekretaris Desa',
          role: 'sekretaris',
          employeeNumber: '1975',
        },
      }),
    );
    expect(text).toContain('a.n. Kepala Desa Sumberwaru\nSekretaris Desa\nAhmad\nNIP/NIPD 1975');
  });

  it('escapes data, sets the page in CSS, shows a QR only when given one', () => {
    const html = letterHtml(letterBlocks(input));
    expect(html).toContain('Budi &lt;Santoso&gt;');
    expect(html).toContain('size: 215mm 330mm');
    expect(html).not.toContain('class="qr"');
    const a4 = letterHtml(letterBlocks(input), {
      page: { paper: 'A4', marginsMm: [10, 10, 10, 10], font: 'sans', fontSizePt: 12 },
      qrSvg: '<svg></svg>',
      copy: true,
    });
    expect(a4).toContain('size: 210mm 297mm; margin: 10mm 10mm 10mm 10mm');
    expect(a4).toContain('class="qr"');
    expect(a4).toContain('SALINAN');
  });

  it("uses the regency's wording where it sent one, filling in the letter's data", () => {
    const text = letterText(
      letterBlocks({
        ...input,
        wording: {
          title: 'SURAT KETERANGAN USAHA MIKRO',
          body: ['Saudara {nama} (NIK {nik}) menjalankan usaha {namaUsaha} di Desa {desa}.'],
          closing: 'Surat ini dibuat atas permintaan yang bersangkutan.',
        },
      }),
    );
    expect(text).toContain('SURAT KETERANGAN USAHA MIKRO\nNomor:');
    expect(text).toContain(
      'Saudara Budi <Santoso> (NIK 3510171708450001) menjalankan usaha Toko Makmur di Desa Sumberwaru.',
    );
    expect(text).not.toContain('bergerak di bidang kelontong');
    expect(text).toContain('Surat ini dibuat atas permintaan yang bersangkutan.');
    expect(text).not.toContain('Demikian surat keterangan');
  });

  it('keeps the built-in wording for the parts the regency left empty', () => {
    const text = letterText(
      letterBlocks({ ...input, wording: { title: '', body: [], closing: '' } }),
    );
    expect(text).toBe(letterText(letterBlocks(input)));
  });
});
