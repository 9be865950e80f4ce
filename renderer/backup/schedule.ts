// The scheduled local backup: at the first start of a day (after the desk has settled) and then
// whenever a day has passed, into the host's data dir under the host's own local key; and the
// regular report of what the database holds, so a loss is noticed at the next start.
import { backupStamp } from '../../shared/backup/channels';
import { localDate } from '../../shared/dates';
import { getBridge } from '../bridge';
import type { KioskSession } from '../session';
import { backupText, countDocuments } from './snapshot';

const FIRST_CHECK_MS = 20_000;
const CHECK_EVERY_MS = 60 * 60_000;
const REPORT_EVERY_MS = 30_000;

export async function backUpLocallyNow(session: KioskSession): Promise<void> {
  const bridge = getBridge();
  const { passphrase } = await bridge.localBackupKey();
  const text = await backupText(session.db, session.config, passphrase);
  // Named on the office's clock, like a backup saved by hand (one naming rule).
  await bridge.saveLocalBackup({ text, stamp: backupStamp(new Date()) });
}

async function backUpIfDue(session: KioskSession): Promise<void> {
  const { local } = await getBridge().listBackups();
  const newest = local.at(-1);
  const today = localDate(new Date());
  if (newest && localDate(new Date(newest.modifiedAt)) === today) return;
  await backUpLocallyNow(session);
}

export function startBackgroundBackups(session: KioskSession): () => void {
  const bridge = getBridge();
  const warn = (what: string) => (error: unknown) =>
    console.warn(`${what}:`, error instanceof Error ? error.message : error);
  const run = () => void backUpIfDue(session).catch(warn('Cadangan otomatis gagal'));
  const report = () =>
    void countDocuments(session.db)
      .then((counts) => bridge.recordDatabase({ databaseName: session.db.name, counts }))
      .catch(warn('Laporan isi basis data gagal'));
  const first = setTimeout(run, FIRST_CHECK_MS);
  const hourly = setInterval(run, CHECK_EVERY_MS);
  const reports = setInterval(report, REPORT_EVERY_MS);
  return () => {
    clearTimeout(first);
    clearInterval(hourly);
    clearInterval(reports);
  };
}
