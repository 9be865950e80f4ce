// Queue tickets on this kiosk's store: issue the next one of the day, call the next waiting one.
import { localDate } from '../../shared/dates';
import type { QueueDoc } from '../../shared/documents/queue';
import { nextTicket } from '../../shared/requests/queue';
import { editLocal } from '../../sync/client/local-edit';
import { pendingLocal } from '../../sync/client/local-fields';
import type { KioskSession } from '../session';
import { guard } from '../staff/guard';

export async function todaysTickets(
  session: KioskSession,
  date = localDate(),
): Promise<QueueDoc[]> {
  const docs = await session.db.requests
    .find({ selector: { date, type: 'queue' }, sort: [{ createdAt: 'asc' }] })
    .exec();
  return docs.map((d) => d.toJSON() as QueueDoc);
}

// One ticket at a time per kiosk: two quick presses must not read the same sequence.
let issuing: Promise<unknown> = Promise.resolve();

export function issueTicket(session: KioskSession): Promise<QueueDoc> {
  return queueTicket(session, () => void guard('queue.serve'));
}

/**
 * The next ticket, after `check` (which throws to refuse): the desk's guard, or the anjungan's
 * host-confirmed resident (renderer/anjungan/actions.ts).
 */
export function queueTicket(session: KioskSession, check: () => unknown): Promise<QueueDoc> {
  const run = issuing.then(async () => {
    await check();
    const { config, ids, db } = session;
    const mine = (await todaysTickets(session)).filter((q) => q.kioskId === config.kioskId);
    const doc = nextTicket(
      mine.map((q) => q.seq),
      { villageCode: config.villageCode, kioskId: config.kioskId, ids },
    );
    await db.requests.insert(pendingLocal(doc));
    return doc;
  });
  issuing = run.catch(() => undefined);
  return run;
}

/** The oldest waiting ticket of this kiosk, now called; null when nobody waits. */
export async function callNext(session: KioskSession): Promise<QueueDoc | null> {
  guard('queue.serve');
  const waiting = (await todaysTickets(session)).find(
    (q) => q.status === 'waiting' && q.kioskId === session.config.kioskId,
  );
  if (!waiting) return null;
  const now = new Date().toISOString();
  await editLocal(session.db.requests, waiting.id, {
    status: 'called',
    calledAt: now,
    updatedAt: now,
  });
  return { ...waiting, status: 'called', calledAt: now };
}
