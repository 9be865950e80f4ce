import { describe, expect, it } from 'vitest';
import { createIdGenerator } from '../../shared/ids';
import type { RequestDoc } from '../../shared/documents/request';
import { requestFromForm } from '../../shared/documents/request-form';
import {
  applyStep,
  availableSteps,
  replay,
  statusOf,
  type Actor,
  type Step,
} from '../../shared/requests/workflow';
import { eventKey, mergeRequests, pickWinner } from './conflicts';

describe('pickWinner', () => {
  const a = { updatedAt: '2026-11-28T10:00:00.000Z', kioskId: 'k1' };
  const b = { updatedAt: '2026-11-28T10:00:01.000Z', kioskId: 'k1' };

  it('keeps the later edit', () => {
    expect(pickWinner(a, b, 'x', 'y')).toBe('remote');
    expect(pickWinner(b, a, 'x', 'y')).toBe('local');
  });

  it('gives the same answer on both sides of a tie', () => {
    const k2 = { ...a, kioskId: 'k2' };
    expect(pickWinner(a, k2, 'x', 'y')).toBe('remote');
    expect(pickWinner(k2, a, 'y', 'x')).toBe('local');
    expect(pickWinner(a, a, 'x', 'y')).toBe('remote');
    expect(pickWinner(a, a, 'y', 'x')).toBe('local');
  });
});

// Two kiosks moving one request while apart: the merge must be the same whichever kiosk computes
// it (commutative), settle (idempotent), keep only a log the workflow allows, and lose nothing
// silently. Random histories from a seeded generator, so a failure reproduces.
describe('mergeRequests', () => {
  const village = '3510172001';
  const base = requestFromForm(
    {
      nik: '3510171708450001',
      name: 'Budi Santoso',
      serviceType: 'domisili',
      purpose: 'Melamar pekerjaan',
    },
    { villageCode: village, kioskId: 'k1', ids: createIdGenerator(village, 'k1') },
    new Date('2026-11-28T01:00:00.000Z'),
  );
  if (!base.ok) throw new Error('the sample request is invalid');
  const received = base.doc;
  const t = (minute: number) => new Date(Date.UTC(2026, 10, 28, 2, minute));

  function step(
    doc: RequestDoc,
    s: Step,
    actor: Actor,
    at: Date,
    input: { note?: string; missing?: string[] } = {},
  ): RequestDoc {
    const r = applyStep(doc, s, actor, at, input);
    if (!r.ok) throw new Error(r.reason);
    return r.doc;
  }
  const rina: Actor = { name: 'Rina', role: 'operator', kioskId: 'k1' };
  const dedi: Actor = { name: 'Dedi', role: 'operator', kioskId: 'k2' };

  it('keeps both kiosks’ steps when together they form a valid log', () => {
    const a = step(received, 'incomplete', rina, t(1), { missing: ['KK'] });
    const b = step(received, 'checked', dedi, t(5));
    const m = mergeRequests(a, b);
    expect(m.doc.events.map((e) => [e.step, e.kioskId])).toEqual([
      ['received', 'k1'],
      ['incomplete', 'k1'],
      ['checked', 'k2'],
    ]);
    expect(m.doc.status).toBe('checked');
    expect(m.doc.updatedAt).toBe(b.updatedAt);
    expect(m.dropped).toEqual([]);
    expect(m.otherFieldsLost).toBe(false);
    expect(mergeRequests(b, a).doc).toEqual(m.doc);
  });

  it('drops, with the workflow’s reason, a step not allowed after the merged ones', () => {
    const a = step(received, 'checked', rina, t(1));
    const b = step(received, 'incomplete', dedi, t(5), { missing: ['KK'] });
    const m = mergeRequests(a, b);
    expect(m.doc.events.map((e) => e.step)).toEqual(['received', 'checked']);
    expect(m.doc.status).toBe('checked');
    expect(m.dropped).toHaveLength(1);
    expect(m.dropped[0]!.event).toEqual(b.events[1]);
    expect(m.dropped[0]!.reason).toContain('tidak bisa dilakukan pada status');
  });

  it('takes the other fields from the rule’s winner and says the loser’s differed', () => {
    const a = { ...step(received, 'checked', rina, t(1)), purpose: 'Untuk sekolah' };
    const b = step(received, 'rejected', dedi, t(5), { note: 'Bukan warga desa' });
    const m = mergeRequests(a, b);
    expect(m.winner).toBe('remote');
    expect(m.doc.purpose).toBe(received.purpose);
    expect(m.otherFieldsLost).toBe(true);
    expect(m.doc.events.map((e) => e.step)).toEqual(['received', 'checked', 'rejected']);
  });

  it('keeps the shared history first when one kiosk’s clock is behind', () => {
    const shared = step(received, 'checked', rina, t(30));
    const a = step(shared, 'approved', { ...rina, role: 'sekretaris' }, t(35));
    // k2's clock is half an hour behind: its step looks older than the history it follows.
    const b = step(shared, 'rejected', dedi, t(10), { note: 'Bukan warga desa' });
    const m = mergeRequests(a, b);
    expect(m.doc.events.map((e) => e.step)).toEqual(['received', 'checked', 'rejected']);
    expect(m.dropped.map((d) => d.event.step)).toEqual(['approved']);
    expect(mergeRequests(b, a).doc).toEqual(m.doc);
  });

  /** A small deterministic generator (mulberry32). */
  function random(seed: number) {
    let s = seed >>> 0;
    return () => {
      s = (s + 0x6d2b79f5) >>> 0;
      let x = Math.imul(s ^ (s >>> 15), 1 | s);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
  }
  const people: Actor[] = [
    rina,
    dedi,
    { name: 'Pak Sekdes', role: 'sekretaris', kioskId: 'k1' },
    { name: 'Bu Kades', role: 'kepala-desa', kioskId: 'k2' },
  ];

  /** A few valid steps on one kiosk, from `from`, at minutes after `minute` (ties possible). */
  function walk(rand: () => number, from: RequestDoc, kioskId: string, minute: number) {
    let doc = from;
    for (let n = Math.floor(rand() * 4); n > 0; n--) {
      const actor = { ...people[Math.floor(rand() * people.length)]!, kioskId };
      const steps = availableSteps(doc.events, actor);
      if (steps.length === 0) break;
      const s = steps[Math.floor(rand() * steps.length)]!;
      // Each kiosk's clock moves on between its own steps; the two branches may tie.
      minute += 1 + Math.floor(rand() * 2);
      const input =
        s === 'rejected'
          ? { note: 'Tidak memenuhi syarat' }
          : s === 'incomplete'
            ? { missing: ['KK'] }
            : {};
      const next = applyStep(doc, s, actor, t(minute), input);
      if (next.ok) doc = next.doc;
    }
    if (rand() < 0.2) doc = { ...doc, purpose: `Keperluan dari ${kioskId}` };
    return { doc, minute };
  }

  const cases = Array.from({ length: 300 }, (_, seed) => {
    const rand = random(seed + 1);
    const shared = walk(rand, received, 'k1', 0);
    return [
      seed,
      walk(rand, shared.doc, 'k1', shared.minute).doc,
      walk(rand, shared.doc, 'k2', shared.minute).doc,
    ] as const;
  });

  it.each(cases)('history %i: commutative, idempotent, valid, nothing vanishes', (_, a, b) => {
    const ab = mergeRequests(a, b);
    const ba = mergeRequests(b, a);
    expect(ba.doc).toEqual(ab.doc);
    expect(ba.dropped).toEqual(ab.dropped);
    expect(ba.otherFieldsLost).toBe(ab.otherFieldsLost);

    const m = ab.doc;
    expect(mergeRequests(m, m).doc).toEqual(m);
    expect(mergeRequests(a, a).doc).toEqual(a);
    expect(mergeRequests(m, a).doc.events).toEqual(m.events);
    expect(mergeRequests(b, m).doc.events).toEqual(m.events);
    expect(mergeRequests(mergeRequests(m, a).doc, b).doc.events).toEqual(m.events);

    expect(replay(m.events)).toEqual({ ok: true });
    expect(m.status).toBe(statusOf(m.events));
    const accounted = new Set([...m.events, ...ab.dropped.map((d) => d.event)].map(eventKey));
    for (const e of [...a.events, ...b.events]) expect(accounted.has(eventKey(e))).toBe(true);
  });
});
