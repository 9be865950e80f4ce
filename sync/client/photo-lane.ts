// The photo lane's bookkeeping (decision 0011). Photos go up in batches bounded by bytes, so a
// text document saved meanwhile waits for one small batch at most; and photos seen in the pull
// feed are noted in a backlog instead of fetched at once, so the pull checkpoint — and with it
// all text data — moves on without waiting for the photos' bytes.
import type { KioskDatabase } from './store-types';

/**
 * Photo bytes (base64, as in the document) per request by default: ~8 s of a 256 kbit/s link
 * (gzip takes the base64 back to about the JPEG's size on the wire).
 */
export const PHOTO_BATCH_BYTES = 320 * 1024;
/** Photos per pull request, until the sizes seen say otherwise: a typical photo's base64. */
const FIRST_PULL_GUESS_BYTES = 160 * 1024;

/** The first documents (at least one) whose photos fit in `budget` bytes on the wire. */
export function takeByBytes<T extends { doc: object }>(items: T[], budget: number): T[] {
  const batch: T[] = [];
  let total = 0;
  for (const item of items) {
    const size = wireBytes(item.doc);
    if (batch.length > 0 && total + size > budget) break;
    batch.push(item);
    total += size;
  }
  return batch;
}

/** What a photo document costs to send: its base64 (the rest of the document is small). */
function wireBytes(doc: object): number {
  const data = (doc as { data?: unknown }).data;
  return typeof data === 'string' ? data.length : 1_000;
}

const BACKLOG = 'sync-photo-backlog';

/**
 * Photo ids the pull feed announced and the kiosk has not fetched yet, kept in a local document:
 * written before the pull checkpoint that passes them, emptied only after they are stored.
 */
export function createPhotoBacklog(db: KioskDatabase, budget: () => number) {
  let ids: string[] | null = null;
  let averageBytes = FIRST_PULL_GUESS_BYTES;
  /** The next batch, already asked for (see `prefetch`); its owner is this backlog. */
  let ahead: { ids: string[]; docs: Promise<object[]> } | null = null;

  async function load(): Promise<string[]> {
    ids ??= [...((await db.getLocal<{ ids: string[] }>(BACKLOG))?.toJSON().data.ids ?? [])];
    return ids;
  }
  async function save(next: string[]) {
    ids = next;
    await db.upsertLocal(BACKLOG, { ids: next });
  }

  return {
    async add(more: string[]) {
      if (more.length === 0) return;
      const current = await load();
      const seen = new Set(current);
      await save([...current, ...more.filter((id) => !seen.has(id))]);
    },
    /** The next ids to fetch: as many as the average photo size says fit in the byte budget. */
    async next(): Promise<string[]> {
      const count = Math.max(1, Math.floor(budget() / averageBytes));
      return (await load()).slice(0, count);
    },
    /**
     * Asks for the next batch now, so its request follows the text's on the wire instead of
     * waiting for the text to be stored: one round trip less on a slow link. The bytes still
     * queue behind the text's answer, and the photos are stored only by the lane, after the text.
     */
    async prefetch<T extends object>(fetch: (ids: string[]) => Promise<T[]>): Promise<void> {
      if (ahead) return;
      const next = await this.next();
      if (next.length === 0) return;
      const docs = fetch(next);
      docs.catch(() => undefined); // a failure is the lane's to meet when it takes the batch
      ahead = { ids: next, docs };
    },
    /** The prefetched batch when it is exactly `wanted`; otherwise null (and it is dropped). */
    takePrefetched(wanted: string[]): Promise<object[]> | null {
      const held = ahead;
      ahead = null;
      const same =
        held?.ids.length === wanted.length && held.ids.every((id, i) => id === wanted[i]);
      return same ? held.docs : null;
    },
    async done(fetched: string[], photos: object[]) {
      const sizes = photos.map(wireBytes);
      if (sizes.length) averageBytes = Math.max(1, sizes.reduce((a, b) => a + b) / sizes.length);
      const gone = new Set(fetched);
      await save((await load()).filter((id) => !gone.has(id)));
    },
    async size(): Promise<number> {
      return (await load()).length;
    },
  };
}
