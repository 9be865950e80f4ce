// Which revision of a guarded document is lawful when a cluster let a forbidden one in beside it
// (issue 19, decision 0022). On a CouchDB cluster a shard copy that has not yet applied a lock
// validates an edit against the revision before the lock and stores it; the two revisions then
// conflict and CouchDB picks its winner by revision hash, not by our rules. This decides by the
// domain's own rules, from the rule constants the validation itself is generated from:
// - locked by a state (an adopted budget line, a decided musdes): the first revision in that
//   state is the record; any other branch edited the document without seeing the lock;
// - written once (ledger entries, progress reports, population events and closed reports,
//   photos, Dukcapil decisions and issued files): the first revision written is the record;
// - published letter keys (the village profile): a key once published is never dropped, so the
//   kept revision must hold every key any branch published, merged in when no branch holds all.
import { APPEND_ONLY_TYPES, LOCKED_BUDGET_STAGES } from '../finance/rules';
import { PLANNING_APPEND_ONLY_TYPES } from '../planning/rules';
import { POPULATION_APPEND_ONLY_TYPES } from '../population/validate-snippet';

/** One leaf revision of a document: its revision id and its body (with `type`, fields…). */
export interface Revision {
  rev: string;
  doc: Record<string, unknown>;
}

export type GuardRule = 'locked' | 'written-once' | 'keys-kept';

/** What the guard decided: keep one revision (its body `merged` first, if given), remove the rest. */
export interface Verdict {
  rule: GuardRule;
  keep: Revision;
  remove: Revision[];
  /** For `keys-kept` when no branch holds every published key: the kept body with all of them. */
  merged?: Record<string, unknown>;
}

export const WRITTEN_ONCE_TYPES = [
  ...APPEND_ONLY_TYPES,
  ...PLANNING_APPEND_ONLY_TYPES,
  ...POPULATION_APPEND_ONLY_TYPES,
  // A photo's bytes are never replaced and no screen edits a photo document.
  'photo',
  // The regency's Dukcapil writes each decision and issued file once (dukcapil/validate-snippet.ts).
  'dukcapil-decision',
  'dukcapil-file',
] as const;
export const LOCKED_STATE_TYPES = ['budget', 'musdes'] as const;
export const KEY_KEEPING_TYPES = ['village-profile'] as const;

const WRITTEN_ONCE: readonly unknown[] = WRITTEN_ONCE_TYPES;
const LOCKED_STATE: readonly unknown[] = LOCKED_STATE_TYPES;
const KEY_KEEPING: readonly unknown[] = KEY_KEEPING_TYPES;

/** Whether documents of this type have a rule the guard enforces under conflicts. */
export function isGuardedType(type: unknown): boolean {
  return WRITTEN_ONCE.includes(type) || LOCKED_STATE.includes(type) || KEY_KEEPING.includes(type);
}

/** Whether this revision is in the state after which the document never changes. */
export function isLockedRevision(doc: Record<string, unknown>): boolean {
  if (doc.type === 'budget')
    return (LOCKED_BUDGET_STAGES as readonly unknown[]).includes(doc.stage);
  if (doc.type === 'musdes') return doc.status === 'decided';
  return false;
}

/** `3-abc` → 3. */
export function revGeneration(rev: string): number {
  const n = Number.parseInt(rev, 10);
  return Number.isFinite(n) ? n : 0;
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** Ascending by the given fields, then by revision id, so every reader ranks alike. */
function ranked(leaves: Revision[], ...keys: ((r: Revision) => string | number)[]): Revision[] {
  return [...leaves].sort((a, b) => {
    for (const key of keys) {
      const x = key(a);
      const y = key(b);
      if (x !== y) return x < y ? -1 : 1;
    }
    return a.rev < b.rev ? -1 : a.rev > b.rev ? 1 : 0;
  });
}

type Keys = Record<string, string>;
const keysOf = (doc: Record<string, unknown>): Keys =>
  doc.letterKeys && typeof doc.letterKeys === 'object' ? (doc.letterKeys as Keys) : {};
const holdsAll = (doc: Record<string, unknown>, all: Keys) =>
  Object.entries(all).every(([id, key]) => keysOf(doc)[id] === key);

/**
 * The verdict on a document's live leaf revisions (the winner and its `_conflicts`), or null
 * when the guard has nothing to say: one leaf, a type it does not guard, or a conflict that
 * breaks no rule (two drafts of a budget line: the ordinary conflict rule applies).
 */
export function judgeConflict(leaves: readonly Revision[]): Verdict | null {
  if (leaves.length < 2) return null;
  const type = leaves[0]!.doc.type;
  if (WRITTEN_ONCE.includes(type) || !leaves.every((l) => l.doc.type === type)) {
    // A branch that changed the type broke a rule as old as the document: the oldest stands.
    const [first] = ranked(
      [...leaves],
      (l) => revGeneration(l.rev),
      (l) => text(l.doc.createdAt),
    );
    return verdict('written-once', first!, leaves);
  }
  if (LOCKED_STATE.includes(type)) {
    const locked = leaves.filter((l) => isLockedRevision(l.doc));
    if (locked.length === 0) return null;
    // Two branches that each locked from a draft: the earlier lock is the record.
    const [first] = ranked(locked, (l) => text(l.doc.updatedAt));
    return verdict('locked', first!, leaves);
  }
  if (KEY_KEEPING.includes(type)) {
    const all: Keys = {};
    for (const leaf of ranked([...leaves], (l) => text(l.doc.updatedAt))) {
      for (const [id, key] of Object.entries(keysOf(leaf.doc))) all[id] ??= key;
    }
    if (leaves.every((l) => holdsAll(l.doc, all))) return null;
    // Otherwise the latest profile, as any profile conflict, with every published key.
    const newestFirst = ranked([...leaves], (l) => text(l.doc.updatedAt)).reverse();
    const whole = newestFirst.find((l) => holdsAll(l.doc, all));
    if (whole) return verdict('keys-kept', whole, leaves);
    const keep = newestFirst[0]!;
    return {
      ...verdict('keys-kept', keep, leaves),
      merged: { ...keep.doc, letterKeys: { ...all, ...keysOf(keep.doc) } },
    };
  }
  return null;
}

function verdict(rule: GuardRule, keep: Revision, leaves: readonly Revision[]): Verdict {
  return { rule, keep, remove: leaves.filter((l) => l.rev !== keep.rev) };
}

/** Who wrote a revision, for the log: the kiosk and the person the document names, if any. */
export function authorOf(doc: Record<string, unknown>): string {
  const person = ['recordedBy', 'reportedBy', 'closedBy', 'officer']
    .map((field) => text(doc[field]))
    .find((name) => name !== '');
  const kiosk = text(doc.kioskId);
  return person ? `${kiosk} (${person})` : kiosk;
}
