// Today's requests on this kiosk's store (its own and, after sync, the other desks'), newest first.
import { isFromAnjungan } from '../../shared/anjungan/request';
import { useMemo } from 'react';
import { map } from 'rxjs';
import { formatTime, localDate } from '../../shared/dates';
import { letterTypeName } from '../../shared/letter-types';
import { REQUEST_STATUS_LABELS, type RequestDoc } from '../../shared/documents/request';
import { WAITING_FOR } from '../../shared/requests/workflow';
import type { LocalSyncFields } from '../../sync/client/local-fields';
import { useDesk } from '../state/official';
import { useT, type MessageKey } from '../i18n';
import { useOpenSession } from '../state/session-store';
import { useObservable } from '../state/use-observable';

const SYNC_LABEL: Record<string, MessageKey> = {
  pending: 'syncPending',
  synced: 'syncSynced',
  rejected: 'syncRejected',
};

export function TodayList() {
  const t = useT();
  const { db } = useOpenSession();
  const today = localDate();
  const requests$ = useMemo(
    () =>
      db.requests
        .find({ selector: { date: today, type: 'request' }, sort: [{ createdAt: 'desc' }] })
        .$.pipe(map((docs) => docs.map((d) => d.toJSON() as RequestDoc & LocalSyncFields))),
    [db, today],
  );
  const requests = useObservable<(RequestDoc & LocalSyncFields)[]>(requests$, []);
  const open = useDesk((s) => s.open);

  return (
    <section className="today" aria-labelledby="today-title">
      <h2 id="today-title">
        {t('todaysRequests')} <span className="count">({requests.length})</span>
      </h2>
      {requests.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <div className="ui-table-wrap">
          <table data-testid="today-list">
            <thead>
              <tr>
                <th>{t('time')}</th>
                <th>{t('nik')}</th>
                <th>{t('name')}</th>
                <th>{t('serviceType')}</th>
                <th>{t('status')}</th>
                <th>{t('sync')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id} data-request-id={r.id}>
                  <td>{formatTime(r.createdAt)}</td>
                  <td className="nik">{r.residentNik}</td>
                  <td>
                    {r.residentName}
                    {isFromAnjungan(r) && (
                      <span className="from-anjungan" data-testid="from-anjungan">
                        {' '}
                        · dari anjungan
                      </span>
                    )}
                  </td>
                  <td>{letterTypeName(r.serviceType)}</td>
                  <td>
                    {REQUEST_STATUS_LABELS[r.status]}
                    {WAITING_FOR[r.status] && (
                      <small className="next-actor"> · {WAITING_FOR[r.status]!.who}</small>
                    )}
                  </td>
                  <td className={`sync-${r.syncState}`} title={r.syncError || undefined}>
                    {t(SYNC_LABEL[r.syncState] ?? 'syncPending')}
                  </td>
                  <td>
                    <button type="button" className="link" onClick={() => open(r.id)}>
                      {t('open')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
