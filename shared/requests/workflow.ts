// The request workflow as data: every step is an event (who, in which role, when, on which
// kiosk); the status is whatever the events add up to. Pure functions, so the desk, the register
// and the regency agree on a request's status and refuse the same wrong steps with the same reason.
import type { RequestDoc, RequestStatus } from '../documents/request';

export const ROLES = ['operator', 'sekretaris', 'kepala-desa'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  operator: 'Operator layanan',
  sekretaris: 'Sekretaris Desa',
  'kepala-desa': 'Kepala Desa',
};

/** A step taken on a request; its name is the status it leads to. */
export type Step = RequestStatus;

export interface RequestEvent {
  step: Step;
  at: string;
  by: string;
  role: Role;
  kioskId: string;
  /** Reason for a rejection, or any remark. */
  note: string;
  /** For `incomplete`: the documents the resident still has to bring. */
  missing: string[];
}

export interface Actor {
  name: string;
  role: Role;
  kioskId: string;
}

/** Which steps may follow which status. */
const NEXT: Record<RequestStatus, readonly Step[]> = {
  received: ['checked', 'incomplete', 'rejected'],
  incomplete: ['checked', 'incomplete', 'rejected'],
  checked: ['approved', 'rejected'],
  approved: ['printed', 'rejected'],
  printed: ['collected', 'printed'],
  collected: [],
  rejected: [],
};

const WHO_MAY: Partial<Record<Step, readonly Role[]>> = {
  approved: ['sekretaris', 'kepala-desa'],
};

export const STEP_LABELS: Record<Step, string> = {
  received: 'Diterima',
  incomplete: 'Dikembalikan: berkas belum lengkap',
  checked: 'Berkas lengkap',
  approved: 'Disetujui',
  printed: 'Dicetak, siap diambil',
  collected: 'Diambil pemohon',
  rejected: 'Ditolak',
};

/**
 * What a request in each status waits for and who acts next, so nobody at the desk has to guess
 * why a request sits still. Null for the two statuses where nothing is left to do.
 */
export const WAITING_FOR: Record<RequestStatus, { what: string; who: string } | null> = {
  received: { what: 'pemeriksaan berkas', who: ROLE_LABELS.operator },
  incomplete: {
    what: 'berkas yang belum lengkap dibawa pemohon',
    who: `pemohon, lalu ${ROLE_LABELS.operator}`,
  },
  checked: {
    what: 'persetujuan dan tanda tangan',
    who: `${ROLE_LABELS.sekretaris} atau ${ROLE_LABELS['kepala-desa']}`,
  },
  approved: { what: 'pencetakan surat', who: ROLE_LABELS.operator },
  printed: { what: 'pengambilan surat oleh pemohon', who: ROLE_LABELS.operator },
  collected: null,
  rejected: null,
};

/** `Menunggu persetujuan dan tanda tangan — oleh Sekretaris Desa atau Kepala Desa.` */
export function waitingLine(status: RequestStatus): string {
  const next = WAITING_FOR[status];
  return next ? `Menunggu ${next.what} — oleh ${next.who}.` : 'Selesai, tidak ada langkah lagi.';
}

/** The status the events add up to; null for no events. Events are assumed already valid. */
export function statusOf(events: readonly RequestEvent[]): RequestStatus | null {
  return events.length ? events[events.length - 1]!.step : null;
}

export type StepCheck = { ok: true } | { ok: false; reason: string };

/** Whether `step` may be taken now by `actor`, and if not, why (in Bahasa Indonesia). */
export function canTake(
  events: readonly RequestEvent[],
  step: Step,
  actor: Actor,
  input: { note?: string; missing?: readonly string[] } = {},
): StepCheck {
  const status = statusOf(events);
  if (status === null) {
    return step === 'received'
      ? { ok: true }
      : { ok: false, reason: 'Permohonan harus diterima lebih dulu.' };
  }
  if (step === 'received') return { ok: false, reason: 'Permohonan sudah diterima.' };
  if (!NEXT[status].includes(step)) {
    return {
      ok: false,
      reason: `Langkah "${STEP_LABELS[step]}" tidak bisa dilakukan pada status "${STEP_LABELS[status]}".`,
    };
  }
  const roles = WHO_MAY[step];
  if (roles && !roles.includes(actor.role)) {
    return {
      ok: false,
      reason: `Hanya ${roles.map((r) => ROLE_LABELS[r]).join(' atau ')} yang dapat menyetujui.`,
    };
  }
  if (step === 'rejected' && !input.note?.trim()) {
    return { ok: false, reason: 'Alasan penolakan wajib diisi.' };
  }
  if (step === 'incomplete' && !input.missing?.length) {
    return { ok: false, reason: 'Sebutkan berkas yang belum lengkap.' };
  }
  if (step === 'checked' && input.missing?.length) {
    return { ok: false, reason: `Berkas belum lengkap: ${input.missing.join(', ')}.` };
  }
  return { ok: true };
}

export type TakeResult = { ok: true; events: RequestEvent[] } | { ok: false; reason: string };

/** The events with `step` appended, or the reason it is refused. */
export function takeStep(
  events: readonly RequestEvent[],
  step: Step,
  actor: Actor,
  at: Date,
  input: { note?: string; missing?: readonly string[] } = {},
): TakeResult {
  const check = canTake(events, step, actor, input);
  if (!check.ok) return check;
  return {
    ok: true,
    events: [
      ...events,
      {
        step,
        at: at.toISOString(),
        by: actor.name,
        role: actor.role,
        kioskId: actor.kioskId,
        note: input.note?.trim() ?? '',
        missing: [...(input.missing ?? [])],
      },
    ],
  };
}

/** The steps this actor can offer as buttons now (rejection included, it asks for a reason). */
export function availableSteps(events: readonly RequestEvent[], actor: Actor): Step[] {
  const status = statusOf(events);
  if (status === null) return ['received'];
  return NEXT[status].filter((step) => {
    const roles = WHO_MAY[step];
    return !roles || roles.includes(actor.role);
  });
}

/** Replay events from the start, refusing the first invalid one: for documents from elsewhere. */
export function replay(events: readonly RequestEvent[]): StepCheck {
  const seen: RequestEvent[] = [];
  for (const [i, e] of events.entries()) {
    const check = canTake(seen, e.step, { name: e.by, role: e.role, kioskId: e.kioskId }, e);
    if (!check.ok) return { ok: false, reason: `Langkah ke-${i + 1}: ${check.reason}` };
    seen.push(e);
  }
  return { ok: true };
}

/** The request after `step`: events appended, status derived, `updatedAt` moved; or why not. */
export function applyStep(
  doc: RequestDoc,
  step: Step,
  actor: Actor,
  at: Date,
  input: { note?: string; missing?: readonly string[] } = {},
): { ok: true; doc: RequestDoc } | { ok: false; reason: string } {
  const taken = takeStep(doc.events, step, actor, at, input);
  if (!taken.ok) return taken;
  return {
    ok: true,
    doc: { ...doc, events: taken.events, status: step, updatedAt: at.toISOString() },
  };
}
