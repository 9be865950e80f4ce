// requests v0 → v1: a request gains its ticket, subjects, type fields, requirements and the event
// log its status is derived from. A v0 request has only its status; the log starts with the
// receipt (when it was created, on the kiosk that wrote it) and, when the status was already
// further, one event carrying that status, so `statusOf(events)` equals the stored status.
// The document changed, so it goes up again (`pending`).

type V0 = Record<string, unknown> & { createdAt: string; kioskId: string; status: string };

export function migrateRequestV0(old: V0): Record<string, unknown> {
  if (old.type !== 'request') return old;
  const event = (step: string, at: string) => ({
    step,
    at,
    by: '',
    role: 'operator',
    kioskId: old.kioskId,
    note: step === 'rejected' ? 'Ditolak sebelum riwayat dicatat.' : '',
    missing: [],
  });
  const events = [event('received', old.createdAt)];
  if (old.status !== 'received')
    events.push(event(old.status, String(old.updatedAt ?? old.createdAt)));
  return {
    ...old,
    ticket: '',
    subjects: [],
    fields: {},
    requirements: [],
    events,
    syncState: 'pending',
    syncError: '',
  };
}
