// The counter's queue: take a ticket, print it (58/80 mm receipt or A4), call the next one.
import { useMemo, useState } from 'react';
import { map } from 'rxjs';
import { formatLongDate, formatTime, localDate } from '../../shared/dates';
import type { QueueDoc } from '../../shared/documents/queue';
import { useT } from '../i18n';
import { useOpenSession } from '../state/session-store';
import { useObservable } from '../state/use-observable';
import { callNext, issueTicket } from './queue-actions';

type Paper = '58mm' | '80mm' | 'A4';

export function QueueScreen() {
  const t = useT();
  const session = useOpenSession();
  const { db, config } = session;
  const today = localDate();
  const [paper, setPaper] = useState<Paper>('80mm');
  const [printing, setPrinting] = useState<QueueDoc | null>(null);
  const tickets$ = useMemo(
    () =>
      db.requests
        .find({ selector: { date: today, type: 'queue' }, sort: [{ createdAt: 'asc' }] })
        .$.pipe(map((docs) => docs.map((d) => d.toJSON() as unknown as QueueDoc))),
    [db, today],
  );
  const tickets = useObservable<QueueDoc[]>(tickets$, []);
  const mine = tickets.filter((q) => q.kioskId === config.kioskId);
  const called = [...mine].reverse().find((q) => q.status === 'called');
  const waiting = mine.filter((q) => q.status === 'waiting');

  function print(ticket: QueueDoc) {
    setPrinting(ticket);
    requestAnimationFrame(() => window.print());
  }

  return (
    <section className="queue" aria-labelledby="queue-title">
      <h2 id="queue-title">{t('queue')}</h2>
      <div className="now-serving" data-testid="now-serving" aria-live="assertive">
        <span>{t('nowServing')}</span>
        <strong>{called ? called.ticket : '—'}</strong>
      </div>
      <div className="queue-actions">
        <button type="button" onClick={() => void callNext(session)} disabled={!waiting.length}>
          {t('callNext')}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => void issueTicket(session).then(print)}
        >
          {t('newTicket').replace(' (F2)', '')}
        </button>
        <label htmlFor="ticket-paper">{t('paper')}</label>
        <select id="ticket-paper" value={paper} onChange={(e) => setPaper(e.target.value as Paper)}>
          <option value="58mm">58 mm</option>
          <option value="80mm">80 mm</option>
          <option value="A4">A4</option>
        </select>
      </div>
      <h3>
        {t('waiting')} ({waiting.length})
      </h3>
      {waiting.length === 0 ? (
        <p>{t('nobodyWaiting')}</p>
      ) : (
        <ol data-testid="queue-waiting">
          {waiting.map((q) => (
            <li key={q.id}>
              {q.ticket} · {formatTime(q.createdAt)}{' '}
              <button type="button" className="link" onClick={() => print(q)}>
                {t('printTicket')}
              </button>
            </li>
          ))}
        </ol>
      )}
      {printing && (
        <div className={`print-ticket paper-${paper}`} data-testid="print-ticket">
          <style>{`@media print { @page { size: ${paper === 'A4' ? 'A4' : `${paper.replace('mm', '')}mm auto`}; margin: ${paper === 'A4' ? '20mm' : '2mm'}; } }`}</style>
          <p>
            {t('village')} {config.villageCode}
          </p>
          <p>{t('ticket')}</p>
          <p className="ticket-number">{printing.ticket.split('-')[1]}</p>
          <p>{printing.ticket}</p>
          <p>
            {formatLongDate(printing.date)} {formatTime(printing.createdAt)}
          </p>
        </div>
      )}
    </section>
  );
}
