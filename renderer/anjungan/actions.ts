// What a resident does at the anjungan, on the kiosk's store. Each act is first confirmed by the
// host for the resident it verified (never the screen's word), then written, then logged as an
// `anjungan-log` document that syncs like the rest.
import type { ResidentAction, ResidentPublic } from '../../shared/anjungan/identity';
import { anjunganRequest } from '../../shared/anjungan/request';
import type { Receipt } from '../../shared/anjungan/receipt';
import { localDate } from '../../shared/dates';
import type { AnjunganAct, AnjunganLogDoc } from '../../shared/documents/anjungan-log';
import { newDocument } from '../../shared/documents/base';
import type { QueueDoc } from '../../shared/documents/queue';
import type { RequestDoc } from '../../shared/documents/request';
import { pendingLocal } from '../../sync/client/local-fields';
import { getBridge } from '../bridge';
import { queueTicket } from '../screens/queue-actions';
import type { KioskSession } from '../session';

export async function logAct(
  session: KioskSession,
  act: AnjunganAct,
  who: Pick<ResidentPublic, 'nik' | 'proof'> | null,
  detail = '',
): Promise<void> {
  const { config, ids, db } = session;
  const now = new Date();
  const doc: AnjunganLogDoc = {
    ...newDocument(
      'anjungan-log',
      { villageCode: config.villageCode, kioskId: config.kioskId, ids },
      now.toISOString(),
    ),
    date: localDate(now),
    at: now.toISOString(),
    residentNik: who?.nik ?? '',
    proof: who?.proof ?? '',
    act,
    detail: detail.slice(0, 300),
  };
  await db.requests.insert(pendingLocal(doc));
}

/** The resident the host confirms may take `action` now. */
function confirm(action: ResidentAction): Promise<ResidentPublic> {
  return getBridge().residentConfirm({ action });
}

export async function takeNumber(session: KioskSession): Promise<QueueDoc> {
  let resident: ResidentPublic | null = null;
  const ticket = await queueTicket(session, async () => {
    resident = await confirm('queue.take');
  });
  await logAct(session, 'queue-taken', resident, ticket.ticket);
  return ticket;
}

export type AskOutcome =
  { ok: true; doc: RequestDoc } | { ok: false; errors: Record<string, string | undefined> };

export async function askLetter(
  session: KioskSession,
  ask: { serviceType: string; purpose: string; requirements: string[] },
): Promise<AskOutcome> {
  const resident = await confirm('request.create');
  const { config, ids, db } = session;
  const result = anjunganRequest(resident, ask, {
    villageCode: config.villageCode,
    kioskId: config.kioskId,
    ids,
  });
  if (!result.ok) return result;
  await db.requests.insert(pendingLocal(result.doc));
  await logAct(session, 'request-created', resident, result.doc.id);
  return result;
}

/**
 * The receipt to the office's thermal printer through the host; false when none is set up (the
 * screen then offers the browser's print).
 */
export async function printReceipt(receipt: Receipt): Promise<boolean> {
  return (await getBridge().printReceipt(receipt)).printed;
}
