import { describe, expect, it } from 'vitest';
import { nikMismatches, parseNik, temporaryNik } from './nik';

const TODAY = new Date(2026, 10, 28);

describe('parseNik on valid NIKs', () => {
  it.each([
    // nik, province, birthDate, sex
    ['3510171708450001', '35', '1945-08-17', 'L'], // man, Jawa Timur, 20th century
    ['3510175708450002', '35', '1945-08-17', 'P'], // woman: day + 40
    ['1101014101010003', '11', '2001-01-01', 'P'], // Aceh, 21st century
    ['9471020112250004', '94', '2025-12-01', 'L'], // Papua, last year
    ['5171032911260005', '51', '1926-11-29', 'L'], // tomorrow's day in '26 lies ahead, so 1926
    ['5171032811260006', '51', '2026-11-28', 'L'], // born today
    ['6271036902000007', '62', '2000-02-29', 'P'], // leap day, woman
    ['3201010101990001', '32', '1999-01-01', 'L'],
  ])('%s → province %s, born %s, sex %s', (nik, province, birthDate, sex) => {
    const parsed = parseNik(nik, TODAY);
    expect(parsed).toMatchObject({ ok: true, provinceCode: province, birthDate, sex });
    if (parsed.ok) {
      expect(parsed.regencyCode).toBe(nik.slice(2, 4));
      expect(parsed.districtCode).toBe(nik.slice(4, 6));
      expect(parsed.serial).toBe(nik.slice(12));
    }
  });
});

describe('parseNik on malformed NIKs', () => {
  it.each([
    ['351017170845000', 'length'],
    ['35101717084500011', 'length'],
    ['35101717O8450001', 'digits'],
    ['0351099200100001', 'temporary'],
    ['2010171708450001', 'province'],
    ['3500171708450001', 'region'],
    ['3510171713450001', 'month'],
    ['3510173208450001', 'day'], // day 32
    ['3510173502230001', 'day'], // 35 - not a man's day 35, not a woman's (needs 41+)
    ['3510172902230001', 'day'], // 29 Feb 2023
    ['3510171708450000', 'serial'],
  ])('%s is rejected (%s) with a message', (nik, code) => {
    const parsed = parseNik(nik, TODAY);
    expect(parsed).toMatchObject({ ok: false, code });
    if (!parsed.ok) expect(parsed.message.length).toBeGreaterThan(10);
  });
});

describe('every date of a century round-trips through a NIK', () => {
  it('for men and women', () => {
    let checked = 0;
    for (let t = Date.UTC(1927, 0, 1); t <= Date.UTC(2026, 10, 28); t += 86_400_000 * 7) {
      const d = new Date(t);
      const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
      for (const [sex, offset] of [
        ['L', 0],
        ['P', 40],
      ] as const) {
        const nik = `351017${String(day + offset).padStart(2, '0')}${String(m).padStart(2, '0')}${String(y % 100).padStart(2, '0')}0001`;
        const parsed = parseNik(nik, TODAY);
        const expected = `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        expect(parsed).toMatchObject({ ok: true, birthDate: expected, sex });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });
});

describe('NIK helpers', () => {
  it('makes temporary numbers that parseNik refuses as NIKs', () => {
    const temp = temporaryNik('3510992001', 7);
    expect(temp).toBe('0351099200100007');
    expect(parseNik(temp, TODAY)).toMatchObject({ ok: false, code: 'temporary' });
  });

  it('warns, never rejects, when the record disagrees with the NIK', () => {
    expect(
      nikMismatches('3510175708450002', { birthDate: '1945-08-18', sex: 'L' }, TODAY),
    ).toHaveLength(2);
    expect(nikMismatches('3510175708450002', { birthDate: '1945-08-17', sex: 'P' }, TODAY)).toEqual(
      [],
    );
  });
});
