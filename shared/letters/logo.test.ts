import { describe, expect, it } from 'vitest';
import { utf8Encode } from '../bytes/utf8';
import { letterBlocks, letterHtml, letterText, type LetterInput } from './template';
import { logoDataUrl, logoDataUrlSchema, logoProblem, MAX_LOGO_DATA_URL } from './logo';

// The files and their standard base64, worked out independently (Python's base64 module).
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const PNG_B64 = 'iVBORw0KGgoAAAAN';
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const JPEG_B64 = '/9j/4AAQ';
const SVG = utf8Encode('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>');
const SVG_B64 =
  'PD94bWwgdmVyc2lvbj0iMS4wIj8+CjxzdmcgeG1sbnM9Imh0dHA6Ly93d3cudzMub3JnLzIwMDAvc3ZnIi8+';
const GIF = utf8Encode('GIF89a....');
const GIF_B64 = 'R0lGODlhLi4uLg==';

describe('regency logo', () => {
  it('takes PNG, JPEG and SVG files, by their content, as data URLs', () => {
    expect(logoDataUrl(PNG)).toBe(`data:image/png;base64,${PNG_B64}`);
    expect(logoDataUrl(JPEG)).toBe(`data:image/jpeg;base64,${JPEG_B64}`);
    expect(logoDataUrl(SVG)).toBe(`data:image/svg+xml;base64,${SVG_B64}`);
    expect(logoDataUrl(GIF)).toBeNull();
    for (const image of [PNG, JPEG, SVG]) expect(logoProblem(logoDataUrl(image)!)).toBeNull();
  });

  it('refuses other types, a type that lies about the content, bad base64 and oversize logos', () => {
    expect(logoProblem(`data:image/gif;base64,${GIF_B64}`)).toBe(
      'Logo harus gambar PNG, JPEG atau SVG (data URL base64).',
    );
    expect(logoProblem(`data:image/png;base64,${SVG_B64}`)).toBe('Isi logo bukan gambar PNG.');
    expect(logoProblem(`data:image/svg+xml;base64,${PNG_B64}`)).toBe('Isi logo bukan gambar SVG.');
    expect(logoProblem('data:image/png;base64,a')).toBe('Isi logo bukan base64 yang sah.');
    expect(logoProblem('https://example.org/logo.png')).toMatch(/^Logo harus gambar/);
    const huge = `data:image/png;base64,${PNG_B64}${'A'.repeat(MAX_LOGO_DATA_URL)}`;
    expect(logoProblem(huge)).toMatch(/^Logo terlalu besar/);
    expect(logoDataUrlSchema.safeParse(huge).success).toBe(false);
  });
});

describe('the logo in the letterhead', () => {
  const input: LetterInput = {
    letterType: 'domisili',
    number: '470/001-K1/35.10.17.2001/XI/2026',
    date: '2026-11-28',
    village: {
      villageName: 'Sumberwaru',
      districtName: 'Kalibaru',
      regencyName: 'Banyuwangi',
      address: 'Jl. Raya 1',
    },
    people: { applicant: { nik: '3510171708450001', name: 'Budi Santoso' } },
    fields: {},
    purpose: 'Membuka rekening',
    signer: {
      name: 'Hj. Sulastri',
      position: 'Kepala Desa',
      role: 'kepala-desa',
      employeeNumber: '',
    },
  };

  it('is drawn at the left of the kop and is not part of the signed text', () => {
    const logo = logoDataUrl(SVG)!;
    const withLogo = letterBlocks({ ...input, village: { ...input.village, logo } });
    const html = letterHtml(withLogo);
    expect(html).toContain(
      `<header class="kop with-logo"><img class="kop-logo" alt="" src="${logo}">`,
    );
    expect(letterText(withLogo)).toBe(letterText(letterBlocks(input)));
    expect(letterHtml(letterBlocks(input))).not.toContain('<img');
  });
});
