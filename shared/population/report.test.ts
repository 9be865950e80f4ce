import { describe, expect, it } from 'vitest';
import type { PopulationEventDoc, PopulationEventKind } from '../documents/population';
import { populationReportDocSchema } from '../documents/population';
import { createIdGenerator } from '../ids';
import { closeMonth, endFromColumns, monthlyReport, nextMonth, type ReportInput } from './report';
import { totalOf } from './register';

const VILLAGE = '3510010001';
let n = 0;

function event(
  kind: PopulationEventKind,
  eventDate: string,
  over: Partial<PopulationEventDoc> = {},
): PopulationEventDoc {
  n++;
  const delta: Partial<Record<PopulationEventKind, number>> = {
    kelahiran: 1,
    datang: 1,
    'datang-kembali': 1,
    ditemukan: 1,
    kematian: -1,
    'pindah-keluar': -1,
    hilang: -1,
  };
  const at = `2026-12-01T00:00:${String(n % 60).padStart(2, '0')}.${String(n).padStart(3, '0')}Z`;
  return {
    id: `population-event:${String(n).padStart(12, '0')}:${VILLAGE}:k1`,
    type: 'population-event',
    villageCode: VILLAGE,
    kioskId: 'k1',
    createdAt: at,
    updatedAt: at,
    kind,
    eventDate,
    reportDate: eventDate,
    nik: `35100101018${String(n).padStart(5, '0')}`,
    nameKey: '',
    kkNumber: '',
    subjectName: `Orang ${n}`,
    subjectSex: n % 2 ? 'L' : 'P',
    subjectNationality: 'WNI',
    residentId: null,
    resultId: `resident-local:${n}`,
    changes: [],
    populationDelta: delta[kind] ?? 0,
    familiesDelta: 0,
    place: '',
    reason: '',
    relatedNiks: [],
    reverses: null,
    recordedBy: 'Operator',
    ...over,
  };
}

const ctx = (today: string) => ({
  author: { villageCode: VILLAGE, kioskId: 'k1', ids: createIdGenerator(VILLAGE, 'k1') },
  closedBy: 'Kepala Desa',
  today,
  now: `${today}T08:00:00.000Z`,
});

// The register now: 100 men and 110 women (WNI), 2 WNA men, 80 families.
const CURRENT = { counts: { lWni: 100, pWni: 110, lWna: 2, pWna: 0 }, families: 80 };

function input(events: PopulationEventDoc[], closed: ReportInput['closed'] = []): ReportInput {
  return { basis: 'event', events, closed, current: CURRENT };
}

describe('the monthly report', () => {
  const events = [
    event('kelahiran', '2026-09-03'),
    event('kematian', '2026-09-20'),
    event('datang', '2026-10-02', { familiesDelta: 1 }),
    event('pindah-keluar', '2026-10-15'),
    event('pindah-dalam-desa', '2026-10-16'),
    event('hilang', '2026-11-01'),
    event('kelahiran', '2026-11-02', { reportDate: '2026-12-01' }),
  ];

  it('each month starts where the previous one ended, and ends at the register now', () => {
    let month = '2026-08';
    let previous = monthlyReport(month, input(events));
    for (month = nextMonth(month); month <= '2026-12'; month = nextMonth(month)) {
      const report = monthlyReport(month, input(events));
      expect(report.start).toEqual(previous.end);
      expect(report.startFamilies).toBe(previous.endFamilies);
      expect(report.end).toEqual(endFromColumns(report.start, report.columns));
      previous = report;
    }
    expect(previous.end).toEqual(CURRENT.counts);
    expect(previous.endFamilies).toBe(CURRENT.families);
  });

  it('counts each event in its column by sex, with a by-name line; moves within the village count nowhere', () => {
    const october = monthlyReport('2026-10', input(events));
    expect(totalOf(october.columns.datang)).toBe(1);
    expect(totalOf(october.columns.pindah)).toBe(1);
    expect(october.lines.map((l) => [l.kind, l.column])).toEqual([
      ['datang', 'datang'],
      ['pindah-keluar', 'pindah'],
      ['pindah-dalam-desa', null],
    ]);
    expect(october.endFamilies - october.startFamilies).toBe(1);
    expect(totalOf(october.end) - totalOf(october.start)).toBe(0);
  });

  it('offers the report date as the basis too', () => {
    const byReport = monthlyReport('2026-11', { ...input(events), basis: 'report' });
    expect(totalOf(byReport.columns.lahir)).toBe(0);
    expect(
      totalOf(monthlyReport('2026-12', { ...input(events), basis: 'report' }).columns.lahir),
    ).toBe(1);
    expect(totalOf(monthlyReport('2026-11', input(events)).columns.lahir)).toBe(1);
  });

  it('a reversal counts back in the reversed event’s column', () => {
    const death = event('kematian', '2026-11-05');
    const undo = event('pembatalan', '2026-11-05', {
      reverses: death.id,
      populationDelta: 1,
      nik: death.nik,
      subjectSex: death.subjectSex,
    });
    const report = monthlyReport('2026-11', input([death, undo]));
    expect(totalOf(report.columns.mati)).toBe(0);
    expect(report.lines.map((l) => [l.column, l.sign])).toEqual([
      ['mati', 1],
      ['mati', -1],
    ]);
    expect(report.end).toEqual(report.start);
  });

  it('a closed month is never recomputed; a late event is carried by the next report', () => {
    const closed = closeMonth('2026-10', input(events), ctx('2026-11-03'));
    if (!closed.ok) throw new Error(closed.message);
    expect(populationReportDocSchema.parse(closed.doc)).toEqual(closed.doc);
    expect(closed.doc.priorEventIds).toEqual(events.slice(0, 2).map((e) => e.id));
    const late = event('kematian', '2026-10-28', { reportDate: '2026-11-04' });
    const lateEarlier = event('kelahiran', '2026-08-30', { reportDate: '2026-11-04' });
    const after = [...events, late, lateEarlier];
    const october = monthlyReport('2026-10', input(after, [closed.doc]));
    expect(october.closed).toBe(closed.doc);
    expect(october.end).toEqual(closed.doc.end);
    expect(october.lines.some((l) => l.eventId === late.id)).toBe(false);

    const november = monthlyReport('2026-11', input(after, [closed.doc]));
    expect(november.start).toEqual(closed.doc.end);
    const lateLine = november.lines.find((l) => l.eventId === late.id);
    expect(lateLine).toMatchObject({ late: true, column: 'mati' });
    expect(totalOf(november.columns.mati)).toBe(1);
    // A birth dated before the first closed month, recorded after the closing, is late too.
    expect(november.lines.find((l) => l.eventId === lateEarlier.id)).toMatchObject({ late: true });
    expect(totalOf(november.columns.lahir)).toBe(2);
    expect(november.end).toEqual(endFromColumns(november.start, november.columns));
    // The late event is carried once: December starts at November's end and does not repeat it.
    const december = monthlyReport('2026-12', input(after, [closed.doc]));
    expect(december.start).toEqual(november.end);
    expect(december.lines.some((l) => l.eventId === late.id)).toBe(false);
  });

  it('closing: only ended months, in order, once, with one basis', () => {
    const open = closeMonth('2026-11', input(events), ctx('2026-11-30'));
    expect(open).toEqual({ ok: false, message: expect.stringMatching(/belum berakhir/) });
    const sept = closeMonth('2026-09', input(events), ctx('2026-11-03'));
    if (!sept.ok) throw new Error(sept.message);
    const again = closeMonth('2026-09', input(events, [sept.doc]), ctx('2026-11-03'));
    expect(again).toEqual({ ok: false, message: 'Laporan 2026-09 sudah ditutup.' });
    const skip = closeMonth('2026-11', input(events, [sept.doc]), ctx('2026-12-03'));
    expect(skip).toEqual({
      ok: false,
      message: expect.stringMatching(/Tutup dulu laporan 2026-10/),
    });
    const other = closeMonth(
      '2026-10',
      { ...input(events, [sept.doc]), basis: 'report' },
      ctx('2026-12-03'),
    );
    expect(other).toEqual({ ok: false, message: expect.stringMatching(/tanggal peristiwa/) });
    const oct = closeMonth('2026-10', input(events, [sept.doc]), ctx('2026-12-03'));
    expect(oct.ok && oct.doc.priorEventIds).toEqual([]);
    expect(sept.doc.priorEventIds).toEqual([]);
    expect(oct.ok && oct.doc.start).toEqual(sept.doc.end);
  });
});
