import { describe, expect, it } from 'vitest';
import { createIdGenerator } from '../ids';
import { requestFromForm } from '../documents/request-form';
import { requestDocSchema } from '../documents/request';
import {
  applyStep,
  availableSteps,
  canTake,
  replay,
  statusOf,
  takeStep,
  type Actor,
  type RequestEvent,
} from './workflow';

const operator: Actor = { name: 'Rina', role: 'operator', kioskId: 'k1' };
const sekdes: Actor = { name: 'Pak Sekdes', role: 'sekretaris', kioskId: 'k2' };
const at = new Date('2026-11-28T03:00:00Z');

function run(steps: [RequestEvent['step'], Actor, { note?: string; missing?: string[] }?][]) {
  let events: RequestEvent[] = [];
  for (const [step, actor, input] of steps) {
    const r = takeStep(events, step, actor, at, input);
    if (!r.ok) throw new Error(r.reason);
    events = r.events;
  }
  return events;
}

describe('the request workflow', () => {
  it('walks received → checked → approved → printed → collected, recording who, when, where', () => {
    const events = run([
      ['received', operator],
      ['checked', operator],
      ['approved', sekdes],
      ['printed', operator],
      ['collected', operator],
    ]);
    expect(statusOf(events)).toBe('collected');
    expect(events[2]).toMatchObject({
      step: 'approved',
      by: 'Pak Sekdes',
      role: 'sekretaris',
      kioskId: 'k2',
      at: at.toISOString(),
    });
    expect(availableSteps(events, sekdes)).toEqual([]);
    expect(replay(events)).toEqual({ ok: true });
  });

  it('sends an incomplete request back with the missing items, then accepts it complete', () => {
    const events = run([
      ['received', operator],
      ['incomplete', operator, { missing: ['Fotokopi KTP'] }],
      ['checked', operator],
    ]);
    expect(events[1]!.missing).toEqual(['Fotokopi KTP']);
    expect(statusOf(events)).toBe('checked');
  });

  it.each([
    [[['received', operator]] as const, 'approved', sekdes, {}, 'tidak bisa dilakukan'],
    [
      [
        ['received', operator],
        ['checked', operator],
      ] as const,
      'approved',
      operator,
      {},
      'Hanya Sekretaris Desa atau Kepala Desa',
    ],
    [[['received', operator]] as const, 'rejected', operator, {}, 'Alasan penolakan wajib diisi.'],
    [[['received', operator]] as const, 'incomplete', operator, {}, 'Sebutkan berkas'],
    [
      [['received', operator]] as const,
      'checked',
      operator,
      { missing: ['KK'] },
      'Berkas belum lengkap: KK.',
    ],
    [[['received', operator]] as const, 'received', operator, {}, 'sudah diterima'],
    [[] as const, 'checked', operator, {}, 'harus diterima lebih dulu'],
  ])('refuses an invalid step with a reason (%#)', (done, step, actor, input, reason) => {
    const events = run(done.map(([s, a]) => [s, a]));
    const check = canTake(events, step as RequestEvent['step'], actor, input);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toContain(reason);
  });

  it('ends at a rejection with its reason; nothing follows', () => {
    const events = run([
      ['received', operator],
      ['rejected', operator, { note: 'Bukan warga desa ini' }],
    ]);
    expect(statusOf(events)).toBe('rejected');
    expect(events[1]!.note).toBe('Bukan warga desa ini');
    expect(canTake(events, 'checked', operator).ok).toBe(false);
  });

  it('offers approval only to the secretary or the head', () => {
    const events = run([
      ['received', operator],
      ['checked', operator],
    ]);
    expect(availableSteps(events, operator)).toEqual(['rejected']);
    expect(availableSteps(events, sekdes)).toEqual(['approved', 'rejected']);
  });

  it('replay finds a forged event in a document from elsewhere', () => {
    const events = run([['received', operator]]);
    const forged: RequestEvent[] = [...events, { ...events[0]!, step: 'approved' }];
    expect(replay(forged)).toMatchObject({ ok: false });
  });

  it('applies a step to a request document, deriving its status', () => {
    const made = requestFromForm(
      { nik: '3510171708450001', name: 'Budi', serviceType: 'domisili', purpose: 'Bank' },
      { villageCode: '3510992001', kioskId: 'k1', ids: createIdGenerator('3510992001', 'k1') },
      at,
      { actor: operator, requirements: ['kk', 'ktp', 'pengantar-rt'] },
    );
    if (!made.ok) throw new Error(JSON.stringify(made.errors));
    expect(made.doc.events).toHaveLength(1);
    const checked = applyStep(made.doc, 'checked', operator, new Date('2026-11-28T04:00:00Z'));
    expect(checked).toMatchObject({ ok: true, doc: { status: 'checked' } });
    if (checked.ok) {
      expect(checked.doc.updatedAt).toBe('2026-11-28T04:00:00.000Z');
      expect(requestDocSchema.safeParse(checked.doc).success).toBe(true);
    }
    expect(applyStep(made.doc, 'collected', operator, at).ok).toBe(false);
  });
});
