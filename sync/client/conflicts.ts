// When the regency's copy and the kiosk's copy of a document differ (two kiosks of one village
// edited it while apart), one wins by a rule every kiosk computes the same way: the later
// `updatedAt`, then the higher kioskId, then the higher content. The loser is kept in the
// conflict log, so nothing silently disappears.
//
// A walk-in `request` is the exception: its workflow is a log of steps, and a step staff took on
// one kiosk must not be lost because another kiosk moved the same request while both were
// offline. Its versions are merged instead (`mergeRequests`): the union of both logs, in one
// order, cut to what the workflow allows. Pure, so every kiosk computes the same merge.
import type { RequestDoc } from '../../shared/documents/request';
import { canTake, statusOf, type RequestEvent } from '../../shared/requests/workflow';

export interface Versioned {
  updatedAt: string;
  kioskId: string;
}

export type Winner = 'local' | 'remote';

export function pickWinner(
  local: Versioned,
  remote: Versioned,
  localBody: string,
  remoteBody: string,
): Winner {
  if (local.updatedAt !== remote.updatedAt)
    return local.updatedAt > remote.updatedAt ? 'local' : 'remote';
  if (local.kioskId !== remote.kioskId) return local.kioskId > remote.kioskId ? 'local' : 'remote';
  return localBody > remoteBody ? 'local' : 'remote';
}

export interface ConflictRecord {
  id: string;
  at: string;
  /** Which version was kept; `merged` when a request's two versions were merged. */
  kept: Winner | 'merged';
  /** The losing version, or the one event that could not be merged, as JSON. */
  lost: string;
  /** Why it was not kept, for staff (Bahasa Indonesia); absent for the plain rule. */
  reason?: string;
}

/** An event that could not go into the merged log, with the reason. */
export interface DroppedEvent {
  event: RequestEvent;
  reason: string;
}

export interface RequestMerge {
  /** Events merged, status derived from them, every other field from the rule's winner. */
  doc: RequestDoc;
  /** The rule's winner, seen from the first argument. */
  winner: Winner;
  dropped: DroppedEvent[];
  /** Whether the loser differed in a field other than the log: that difference is lost. */
  otherFieldsLost: boolean;
}

/** What makes two events the same step: the same step, at the same time, on the same kiosk, by the same person. */
export function eventKey(event: RequestEvent): string {
  return JSON.stringify([event.step, event.at, event.kioskId, event.by]);
}

/**
 * The order of the steps after the shared history: time, then kiosk, then step (then who, so no
 * two distinct events tie). The same on every kiosk.
 */
export function compareEvents(a: RequestEvent, b: RequestEvent): number {
  return (
    compareText(a.at, b.at) ||
    compareText(a.kioskId, b.kioskId) ||
    compareText(a.step, b.step) ||
    compareText(a.by, b.by)
  );
}

/**
 * Merges two versions of one request: the history both logs share, then the union of the rest in
 * `compareEvents` order. Commutative (`mergeRequests(a, b).doc` equals
 * `mergeRequests(b, a).doc`) and idempotent, so both kiosks and the regency end on one document
 * whichever of them merges first. An event the workflow does not allow after the ones merged
 * before it is dropped with the workflow's own reason, for the conflict log.
 */
export function mergeRequests(local: RequestDoc, remote: RequestDoc): RequestMerge {
  const winner = pickWinner(local, remote, canonicalJson(local), canonicalJson(remote));
  const [won, lost] = winner === 'local' ? [local, remote] : [remote, local];

  const dropped: DroppedEvent[] = [];
  // The history both versions share stays as it is, first: the two kiosks' clocks may differ,
  // and sorting a step taken after that history (on a kiosk whose clock is behind) into the
  // middle of it would make the workflow refuse a step staff took in good order.
  const common = commonPrefix(won.events, lost.events);
  const byKey = new Map<string, RequestEvent>();
  // The winner's copy of an event goes first, so an event both logs hold with different content
  // (an edited note) is resolved by the same rule as the rest of the document.
  for (const event of [...won.events, ...lost.events]) {
    const key = eventKey(event);
    const known = byKey.get(key);
    if (!known) byKey.set(key, event);
    else if (canonicalJson(known) !== canonicalJson(event))
      dropped.push({ event, reason: 'Langkah yang sama sudah tercatat dengan isi berbeda.' });
  }
  const shared = won.events.slice(0, common);
  const sharedKeys = new Set(shared.map(eventKey));
  const rest = [...byKey.values()].filter((e) => !sharedKeys.has(eventKey(e))).sort(compareEvents);

  // Replaying in one order with the workflow's own check keeps the log one the desk could have
  // produced: a request is never, say, "checked" after it was rejected on the other kiosk.
  const kept: RequestEvent[] = [];
  for (const event of [...shared, ...rest]) {
    const actor = { name: event.by, role: event.role, kioskId: event.kioskId };
    const check = canTake(kept, event.step, actor, event);
    if (check.ok) kept.push(event);
    else dropped.push({ event, reason: check.reason });
  }
  dropped.sort(
    (a, b) =>
      compareEvents(a.event, b.event) ||
      compareText(canonicalJson(a.event), canonicalJson(b.event)),
  );

  const { events: _we, status: _ws, updatedAt: _wu, ...wonRest } = won;
  const { events: _le, status: _ls, updatedAt: _lu, ...lostRest } = lost;
  return {
    doc: { ...won, events: kept, status: statusOf(kept) ?? won.status },
    winner,
    dropped,
    otherFieldsLost: canonicalJson(wonRest) !== canonicalJson(lostRest),
  };
}

/** How many events, from the start, the two logs have in common (by identity). */
function commonPrefix(a: readonly RequestEvent[], b: readonly RequestEvent[]): number {
  let n = 0;
  while (n < a.length && n < b.length && eventKey(a[n]!) === eventKey(b[n]!)) n++;
  return n;
}

/**
 * JSON with keys sorted (and storage metadata, `_…`, left out): the content compared by the rule
 * must not depend on the order in which a store or a parser happened to lay out the keys.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !k.startsWith('_'))
        .sort(([a], [b]) => compareText(a, b))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}

/** Code-unit order, never the locale's: every kiosk must sort alike. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
