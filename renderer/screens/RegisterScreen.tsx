// The daily register: any day's requests with their status, filtered, downloadable as CSV,
// printable on A4.
import { useMemo, useState } from 'react';
import { map } from 'rxjs';
import { formatLongDate, formatTime, localDate } from '../../shared/dates';
import { letterTypeName } from '../../shared/letter-types';
import {
  REQUEST_STATUSES,
  REQUEST_STATUS_LABELS,
  type RequestDoc,
} from '../../shared/documents/request';
import { registerCsv } from '../../shared/requests/register';
import { useT } from '../i18n';
import { useOpenSession } from '../state/session-store';
import { useObservable } from '../state/use-observable';

export function RegisterScreen() {
  const t = useT();
  const { db } = useOpenSession();
  const [day, setDay] = useState(localDate());
  const [status, setStatus] = useState('');
  const requests$ = useMemo(
    () =>
      db.requests
        .find({ selector: { date: day, type: 'request' }, sort: [{ createdAt: 'asc' }] })
        .$.pipe(map((docs) => docs.map((d) => d.toJSON() as unknown as RequestDoc))),
    [db, day],
  );
  const all = useObservable<RequestDoc[]>(requests$, []);
  const shown = status ? all.filter((r) => r.status === status) : all;

  function download() {
    const blob = new Blob(['\uFEFF' + registerCsv(shown)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `register-${day}${status ? `-${status}` : ''}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  return (
    <section className="register" aria-labelledby="register-title">
      <h2 id="register-title" className="print-only">
        {t('register')} — {formatLongDate(day)}
      </h2>
      <div className="register-filters no-print">
        <label htmlFor="register-day">{t('day')}</label>
        <input id="register-day" type="date" value={day} onChange={(e) => setDay(e.target.value)} />
        <label htmlFor="register-status">{t('status')}</label>
        <select id="register-status" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{t('allStatuses')}</option>
          {REQUEST_STATUSES.map((s) => (
            <option key={s} value={s}>
              {REQUEST_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        <button type="button" onClick={download} disabled={!shown.length}>
          {t('exportCsv')}
        </button>
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t('print')}
        </button>
      </div>
      {shown.length === 0 ? (
        <p>{t('noRequestsOnDay')}</p>
      ) : (
        <table data-testid="register-list" className="register-table">
          <thead>
            <tr>
              <th>No.</th>
              <th>{t('time')}</th>
              <th>{t('ticket')}</th>
              <th>{t('nik')}</th>
              <th>{t('name')}</th>
              <th>{t('serviceType')}</th>
              <th>{t('purpose')}</th>
              <th>{t('status')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r, i) => (
              <tr key={r.id}>
                <td>{i + 1}</td>
                <td>{formatTime(r.createdAt)}</td>
                <td>{r.ticket}</td>
                <td className="nik">{r.residentNik}</td>
                <td>{r.residentName}</td>
                <td>{letterTypeName(r.serviceType)}</td>
                <td>{r.purpose}</td>
                <td>{REQUEST_STATUS_LABELS[r.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
