// The waiting room's call screen, for a TV: the number being called and its counter, the last
// few called, and how many wait at each counter. It reads the same database as the desk's
// window, so a number called at the desk is on screen as soon as it is written. A new call
// chimes (Web Audio) and is spoken where the system has an Indonesian voice.
import { useEffect, useMemo, useRef } from 'react';
import { map } from 'rxjs';
import { localDate } from '../../shared/dates';
import type { QueueDoc } from '../../shared/documents/queue';
import { shortTicket } from '../../shared/requests/queue';
import type { KioskSession } from '../session';
import { useObservable } from '../state/use-observable';
import { useVillageTitle } from '../office/VillageLabel';

const LAST_SHOWN = 5;

function counterOf(ticket: string): string {
  return ticket.split('-')[2] ?? '';
}

function chime(): void {
  const Audio = window.AudioContext;
  if (!Audio) return;
  const ctx = new Audio();
  // Two tones, "ding-dong", each fading out.
  [880, 660].forEach((hz, i) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = hz;
    const start = ctx.currentTime + i * 0.45;
    gain.gain.setValueAtTime(0.25, start);
    gain.gain.exponentialRampToValueAtTime(0.001, start + 0.8);
    osc.connect(gain).connect(ctx.destination);
    osc.start(start);
    osc.stop(start + 0.8);
  });
  setTimeout(() => void ctx.close(), 2_000);
}

function speak(number: string, counter: string): void {
  const voice = window.speechSynthesis;
  if (!voice) return;
  const words = new SpeechSynthesisUtterance(
    `Nomor antrean ${Number(number)}, silakan ke loket ${counter.split('').join(' ')}`,
  );
  words.lang = 'id-ID';
  voice.speak(words);
}

export function CallScreen({ session }: { session: KioskSession }) {
  const village = useVillageTitle();
  const tickets$ = useMemo(
    () =>
      session.db.requests
        .find({ selector: { type: 'queue', date: localDate() } })
        .$.pipe(map((docs) => docs.map((d) => d.toJSON() as unknown as QueueDoc))),
    [session],
  );
  const tickets = useObservable(tickets$, []);
  const called = tickets
    .filter((t) => t.calledAt !== '')
    .sort((a, b) => b.calledAt.localeCompare(a.calledAt));
  const current = called[0] ?? null;
  const waiting = new Map<string, number>();
  for (const t of tickets) {
    if (t.status === 'waiting')
      waiting.set(counterOf(t.ticket), (waiting.get(counterOf(t.ticket)) ?? 0) + 1);
  }

  // Announce each new call once (not the one on screen when the TV is switched on).
  const announced = useRef<string | null | undefined>(undefined);
  const currentKey = current ? `${current.id}@${current.calledAt}` : null;
  useEffect(() => {
    if (
      announced.current !== undefined &&
      currentKey &&
      currentKey !== announced.current &&
      current
    ) {
      chime();
      speak(shortTicket(current.ticket), counterOf(current.ticket));
    }
    announced.current = currentKey;
  }, [currentKey, current]);

  return (
    <div className="call-screen" data-testid="call-screen">
      <header className="call-head">
        <span>{village}</span>
        <span>Panggilan antrean</span>
      </header>
      <main className="call-now" aria-live="assertive">
        <p className="call-label">Nomor</p>
        <p className="call-number" data-testid="call-number">
          {current ? shortTicket(current.ticket) : '—'}
        </p>
        <p className="call-counter" data-testid="call-counter">
          {current ? `Loket ${counterOf(current.ticket)}` : 'Belum ada panggilan'}
        </p>
      </main>
      <aside className="call-side">
        <h2>Terakhir dipanggil</h2>
        <ol className="call-last" data-testid="call-last">
          {called.slice(1, 1 + LAST_SHOWN).map((t) => (
            <li key={t.id}>
              <strong>{shortTicket(t.ticket)}</strong> Loket {counterOf(t.ticket)}
            </li>
          ))}
        </ol>
        <h2>Menunggu</h2>
        <ul className="call-waiting" data-testid="call-waiting">
          {[...waiting].map(([counter, n]) => (
            <li key={counter}>
              Loket {counter}: <strong>{n}</strong> orang
            </li>
          ))}
          {waiting.size === 0 && <li>Tidak ada yang menunggu</li>}
        </ul>
      </aside>
    </div>
  );
}
