// The counter's queue: take a ticket, print it (58/80 mm receipt or A4) under the village's name,
// call the next one.
import { useMemo, useState } from 'react';
import { map } from 'rxjs';
import { formatLongDate, formatTime, localDate } from '../../shared/dates';
import type { QueueDoc } from '../../shared/documents/queue';
import { counterLabel, shortTicket } from '../../shared/requests/queue';
import { useT } from '../i18n';
import { Button } from '../ui';
import { useVillageTitle } from '../office/VillageLabel';
import { useNavigation } from '../state/navigation';
import { useDesk } from '../state/official';
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
  const village = useVillageTitle();
  const mine = tickets.filter((q) => q.kioskId === config.kioskId);
  const called = [...mine].reverse().find((q) => q.status === 'called');
  const waiting = mine.filter((q) => q.status === 'waiting');

  const serve = useDesk((s) => s.serve);
  const go = useNavigation((s) => s.go);

  /** Calling a ticket is serving it: the desk's request form opens with that ticket. */
  async function call() {
    const ticket = await callNext(session);
    if (!ticket) return;
    serve(ticket.ticket, ticket.id);
    go('layanan');
  }

  function print(ticket: QueueDoc) {
    setPrinting(ticket);
    requestAnimationFrame(() => window.print());
  }

  return (
    // The screen's title is the page heading (App); the section is named after it.
    <section className="queue" aria-label={t('queue')}>
      <div className="now-serving" data-testid="now-serving" aria-live="assertive">
        <span>{t('nowServing')}</span>
        <strong>{called ? shortTicket(called.ticket) : '—'}</strong>
        <span>loket {counterLabel(config.kioskId)}</span>
      </div>
      <div className="queue-actions ui-row">
        <Button variant="primary" onClick={() => void call()} disabled={!waiting.length}>
          {t('callNext')}
        </Button>
        <Button onClick={() => void issueTicket(session).then(print)}>
          {t('newTicket').replace(' (F2)', '')}
        </Button>
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
              <strong>{shortTicket(q.ticket)}</strong> · {formatTime(q.createdAt)}{' '}
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
          <p data-testid="ticket-village">{village}</p>
          <p>{t('ticket')}</p>
          <p className="ticket-number">{shortTicket(printing.ticket)}</p>
          <p>{printing.ticket}</p>
          <p>
            {formatLongDate(printing.date)} {formatTime(printing.createdAt)}
          </p>
        </div>
      )}
    </section>
  );
}
