// The anjungan mandiri as a resident meets it: the idle screen (the village, the transparency
// board) until someone touches it or taps an e-KTP; sign-in by NIK + PIN on the on-screen keypad;
// the first-use PIN change; then take a queue number, ask for a letter, see their own requests
// and civil-registration applications. After a minute without a touch the screen forgets them.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { map } from 'rxjs';
import { ANJUNGAN_IDLE_MS, type ResidentPublic } from '../../shared/anjungan/identity';
import { ANJUNGAN_LETTER_TYPES, isFromAnjungan } from '../../shared/anjungan/request';
import type { DukcapilApplicationDoc, DukcapilDecisionDoc } from '../../shared/documents/dukcapil';
import type { QueueDoc } from '../../shared/documents/queue';
import { REQUEST_STATUS_LABELS, type RequestDoc } from '../../shared/documents/request';
import { applicationStatus, APPLICATION_STATUS_LABELS } from '../../shared/dukcapil/application';
import { shortName } from '../../shared/dukcapil/catalogue';
import { letterTypeName } from '../../shared/letter-types';
import { REQUIREMENTS } from '../../shared/requests/catalogue';
import { counterLabel, shortTicket } from '../../shared/requests/queue';
import { getBridge } from '../bridge';
import { BoardScreen } from '../finance/BoardScreen';
import { useVillageTitle } from '../office/VillageLabel';
import type { KioskSession } from '../session';
import { useObservable } from '../state/use-observable';
import { Button, Message } from '../ui';
import { askLetter, logAct, printReceipt, takeNumber } from './actions';
import { useCardReader } from './card-reader';
import { TouchKeyboard } from './TouchKeyboard';

type View = 'idle' | 'login' | 'home' | 'queue' | 'letter' | 'status';

const stamp = (iso: string) =>
  new Date(iso).toLocaleString('id-ID', { dateStyle: 'medium', timeStyle: 'short' });

export function ResidentKiosk({ session }: { session: KioskSession }) {
  const [view, setView] = useState<View>('idle');
  const [resident, setResident] = useState<ResidentPublic | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const forget = useCallback(
    async (why: 'logout' | 'idle-timeout') => {
      if (resident) await logAct(session, why, resident);
      await getBridge().residentLogout();
      setResident(null);
      setMessage(null);
      setView('idle');
    },
    [resident, session],
  );

  // A minute without a touch: back to the idle screen, the resident forgotten.
  useEffect(() => {
    if (view === 'idle') return;
    let timer = setTimeout(() => void forget('idle-timeout'), ANJUNGAN_IDLE_MS);
    const touched = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void forget('idle-timeout'), ANJUNGAN_IDLE_MS);
    };
    window.addEventListener('pointerdown', touched, true);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pointerdown', touched, true);
    };
  }, [view, forget]);

  const signedIn = (who: ResidentPublic) => {
    setResident(who);
    setMessage(null);
    setView('home');
    void logAct(session, 'login', who);
  };

  // A card tapped on the idle or the sign-in screen signs its resident in.
  useCardReader(
    (uid) => {
      getBridge()
        .residentLoginCard({ uid })
        .then(signedIn, (e: Error) => {
          setMessage(e.message);
          setView('login');
          void logAct(session, 'login-failed', null, 'kartu e-KTP');
        });
    },
    view === 'idle' || view === 'login',
  );

  return (
    <div className="anjungan" data-testid="anjungan" data-view={view}>
      {view === 'idle' && <IdleScreen onStart={() => setView('login')} />}
      {view !== 'idle' && (
        <header className="anjungan-top">
          <span className="anjungan-title">Anjungan Layanan Mandiri</span>
          {resident && (
            <span className="anjungan-who" data-testid="anjungan-who">
              {resident.name} · {resident.proof === 'card' ? 'kartu e-KTP' : 'NIK + PIN'}
            </span>
          )}
          <Button variant="quiet" onClick={() => void forget('logout')}>
            {resident ? 'Selesai / Keluar' : 'Kembali'}
          </Button>
        </header>
      )}
      {message && (
        <Message tone="error" testId="anjungan-error">
          {message}
        </Message>
      )}
      {view === 'login' && (
        <LoginScreen
          onSignedIn={signedIn}
          onFailed={(m) => {
            setMessage(m);
            void logAct(session, 'login-failed', null, m);
          }}
        />
      )}
      {view !== 'idle' && view !== 'login' && resident?.mustChangePin && (
        <ChangePinScreen
          resident={resident}
          onChanged={(who) => {
            setResident(who);
            setMessage(null);
            void logAct(session, 'pin-changed', who);
          }}
          onFailed={setMessage}
        />
      )}
      {view === 'home' && resident && !resident.mustChangePin && (
        <HomeScreen resident={resident} go={setView} />
      )}
      {view === 'queue' && resident && (
        <QueueScreen session={session} onError={setMessage} onDone={() => setView('home')} />
      )}
      {view === 'letter' && resident && (
        <LetterScreen session={session} resident={resident} onError={setMessage} go={setView} />
      )}
      {view === 'status' && resident && (
        <StatusScreen session={session} resident={resident} onBack={() => setView('home')} />
      )}
    </div>
  );
}

function IdleScreen({ onStart }: { onStart(): void }) {
  const village = useVillageTitle();
  return (
    <div className="anjungan-idle" data-testid="anjungan-idle">
      <section className="anjungan-welcome">
        <h1>Selamat datang</h1>
        <p className="anjungan-village">{village}</p>
        <p>Ambil nomor antrean, ajukan surat, dan lihat status permohonan Anda sendiri.</p>
        <Button variant="primary" className="anjungan-big" onClick={onStart}>
          Sentuh untuk mulai
        </Button>
        <p className="anjungan-hint">Atau tempelkan e-KTP Anda pada pembaca kartu.</p>
      </section>
      <section className="anjungan-board" aria-label="Papan transparansi APBDes">
        <BoardScreen />
      </section>
    </div>
  );
}

function LoginScreen({
  onSignedIn,
  onFailed,
}: {
  onSignedIn(who: ResidentPublic): void;
  onFailed(message: string): void;
}) {
  const [nik, setNik] = useState('');
  const [pin, setPin] = useState('');
  const [field, setField] = useState<'nik' | 'pin'>('nik');
  const [busy, setBusy] = useState(false);
  const submit = () => {
    if (field === 'nik') {
      if (nik.length !== 16) return onFailed(`NIK harus 16 angka (tertulis ${nik.length}).`);
      return setField('pin');
    }
    setBusy(true);
    getBridge()
      .residentLoginPin({ nik, pin })
      .then(onSignedIn, (e: Error) => {
        setPin('');
        onFailed(e.message);
      })
      .finally(() => setBusy(false));
  };
  return (
    <form
      className="anjungan-panel anjungan-login"
      aria-label="Masuk anjungan"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h1>Masuk</h1>
      <label className="anjungan-field" data-active={field === 'nik'}>
        NIK (16 angka)
        <input
          readOnly
          inputMode="none"
          value={nik}
          aria-label="NIK"
          onFocus={() => setField('nik')}
          onClick={() => setField('nik')}
        />
      </label>
      <label className="anjungan-field" data-active={field === 'pin'}>
        PIN
        <input
          readOnly
          inputMode="none"
          type="password"
          value={pin}
          aria-label="PIN"
          onFocus={() => setField('pin')}
          onClick={() => setField('pin')}
        />
      </label>
      <TouchKeyboard
        layout="numeric"
        value={field === 'nik' ? nik : pin}
        maxLength={field === 'nik' ? 16 : 12}
        onChange={field === 'nik' ? setNik : setPin}
        onEnter={() => !busy && submit()}
      />
      <p className="anjungan-hint">Belum punya PIN? Minta di meja layanan dengan membawa KTP.</p>
    </form>
  );
}

function ChangePinScreen({
  resident,
  onChanged,
  onFailed,
}: {
  resident: ResidentPublic;
  onChanged(who: ResidentPublic): void;
  onFailed(message: string): void;
}) {
  const [values, setValues] = useState({ current: '', next: '', again: '' });
  const [field, setField] = useState<keyof typeof values>('current');
  const order: (keyof typeof values)[] = ['current', 'next', 'again'];
  const submit = () => {
    const i = order.indexOf(field);
    if (i < order.length - 1) return setField(order[i + 1]!);
    if (values.next !== values.again) {
      setValues({ ...values, next: '', again: '' });
      setField('next');
      return onFailed('PIN baru dan ulangannya tidak sama.');
    }
    getBridge()
      .residentChangePin({ current: values.current, next: values.next })
      .then(onChanged, (e: Error) => {
        setValues({ current: '', next: '', again: '' });
        setField('current');
        onFailed(e.message.replace(/^Data tidak sah: next: /, ''));
      });
  };
  const labels = { current: 'PIN dari meja layanan', next: 'PIN baru', again: 'Ulangi PIN baru' };
  return (
    <form
      className="anjungan-panel"
      aria-label="Ganti PIN"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h1>Ganti PIN, {resident.name}</h1>
      <p>PIN dari meja layanan hanya untuk sekali pakai. Pilih PIN Anda sendiri (6–12 angka).</p>
      {order.map((key) => (
        <label key={key} className="anjungan-field" data-active={field === key}>
          {labels[key]}
          <input
            readOnly
            inputMode="none"
            type="password"
            value={values[key]}
            aria-label={labels[key]}
            onClick={() => setField(key)}
            onFocus={() => setField(key)}
          />
        </label>
      ))}
      <TouchKeyboard
        layout="numeric"
        value={values[field]}
        maxLength={12}
        onChange={(v) => setValues((s) => ({ ...s, [field]: v }))}
        onEnter={submit}
      />
    </form>
  );
}

function HomeScreen({ resident, go }: { resident: ResidentPublic; go(view: View): void }) {
  return (
    <div className="anjungan-panel">
      <h1>Halo, {resident.name}</h1>
      <div className="anjungan-menu">
        <Button variant="primary" className="anjungan-big" onClick={() => go('queue')}>
          Ambil nomor antrean
        </Button>
        <Button
          variant="primary"
          className="anjungan-big"
          onClick={() => go('letter')}
          disabled={resident.proof !== 'pin'}
        >
          Ajukan surat
        </Button>
        <Button variant="secondary" className="anjungan-big" onClick={() => go('status')}>
          Status permohonan saya
        </Button>
      </div>
      {resident.proof !== 'pin' && (
        <Message tone="info">
          Dengan kartu e-KTP saja Anda dapat mengambil nomor antrean dan melihat status. Untuk
          mengajukan surat, masuk dengan NIK dan PIN.
        </Message>
      )}
    </div>
  );
}

function QueueScreen({
  session,
  onError,
  onDone,
}: {
  session: KioskSession;
  onError(message: string): void;
  onDone(): void;
}) {
  const [ticket, setTicket] = useState<QueueDoc | null>(null);
  const [printed, setPrinted] = useState<boolean | null>(null);
  const village = useVillageTitle();
  // One number per visit to this screen, even if React runs the effect twice.
  const taken = useRef(false);
  useEffect(() => {
    if (taken.current) return;
    taken.current = true;
    takeNumber(session).then(
      async (t) => {
        setTicket(t);
        const sent = await printReceipt({
          kind: 'queue',
          villageName: village,
          number: shortTicket(t.ticket),
          counter: counterLabel(session.config.kioskId),
          ticket: t.ticket,
          issuedAt: stamp(t.createdAt),
        }).catch((e: Error) => {
          onError(e.message);
          return false;
        });
        setPrinted(sent);
      },
      (e: Error) => onError(e.message),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  if (!ticket) return <p className="anjungan-panel">Mengambil nomor…</p>;
  return (
    <div className="anjungan-panel anjungan-ticket" data-testid="anjungan-ticket">
      <p>Nomor antrean Anda</p>
      <p className="anjungan-number">{shortTicket(ticket.ticket)}</p>
      <p>Loket {counterLabel(session.config.kioskId)}</p>
      {printed === true && <Message tone="success">Karcis dicetak. Silakan ambil.</Message>}
      {printed === false && (
        <Button onClick={() => window.print()}>Cetak karcis (printer biasa)</Button>
      )}
      <Button variant="primary" className="anjungan-big" onClick={onDone}>
        Selesai
      </Button>
    </div>
  );
}

function LetterScreen({
  session,
  resident,
  onError,
  go,
}: {
  session: KioskSession;
  resident: ResidentPublic;
  onError(message: string): void;
  go(view: View): void;
}) {
  const [type, setType] = useState<string | null>(null);
  const [purpose, setPurpose] = useState('');
  const [carried, setCarried] = useState<string[]>([]);
  const [done, setDone] = useState<RequestDoc | null>(null);
  const village = useVillageTitle();
  const chosen = ANJUNGAN_LETTER_TYPES.find((t) => t.code === type);
  if (done) {
    return (
      <div className="anjungan-panel" data-testid="anjungan-request-done">
        <h1>Permohonan terkirim ke meja layanan</h1>
        <p>
          {letterTypeName(done.serviceType)} untuk {done.residentName}. Petugas akan memeriksa
          berkas Anda; surat ditandatangani dan dicetak oleh petugas desa.
        </p>
        <Button variant="primary" className="anjungan-big" onClick={() => go('status')}>
          Lihat status
        </Button>
      </div>
    );
  }
  if (!chosen) {
    return (
      <div className="anjungan-panel">
        <h1>Surat apa yang Anda perlukan?</h1>
        <div className="anjungan-menu">
          {ANJUNGAN_LETTER_TYPES.map((t) => (
            <Button key={t.code} className="anjungan-big" onClick={() => setType(t.code)}>
              {t.name}
            </Button>
          ))}
        </div>
      </div>
    );
  }
  const allCarried = chosen.requirements.every((r) => carried.includes(r));
  const submit = () => {
    askLetter(session, { serviceType: chosen.code, purpose, requirements: carried }).then(
      (out) => {
        if (!out.ok) return onError(Object.values(out.errors).filter(Boolean).join(' '));
        setDone(out.doc);
        void printReceipt({
          kind: 'request',
          villageName: village,
          residentName: resident.name,
          letterName: chosen.name,
          reference: out.doc.id,
          issuedAt: stamp(out.doc.createdAt),
        }).catch(() => false);
      },
      (e: Error) => onError(e.message),
    );
  };
  return (
    <form
      className="anjungan-panel"
      aria-label="Ajukan surat"
      onSubmit={(e) => {
        e.preventDefault();
        if (allCarried && purpose.trim()) submit();
      }}
    >
      <h1>{chosen.name}</h1>
      <fieldset className="anjungan-requirements">
        <legend>Berkas yang Anda bawa (semua wajib)</legend>
        {chosen.requirements.map((r) => (
          <label key={r} className="anjungan-check">
            <input
              type="checkbox"
              checked={carried.includes(r)}
              onChange={(e) =>
                setCarried((c) => (e.target.checked ? [...c, r] : c.filter((x) => x !== r)))
              }
            />
            {REQUIREMENTS[r as keyof typeof REQUIREMENTS]}
          </label>
        ))}
      </fieldset>
      <label className="anjungan-field" data-active="true">
        Keperluan
        <input readOnly inputMode="none" value={purpose} aria-label="Keperluan" />
      </label>
      <TouchKeyboard layout="text" value={purpose} maxLength={300} onChange={setPurpose} />
      <div className="anjungan-actions">
        <Button onClick={() => setType(null)}>Pilih surat lain</Button>
        <Button
          variant="primary"
          className="anjungan-big"
          type="submit"
          disabled={!allCarried || !purpose.trim()}
        >
          Kirim permohonan
        </Button>
      </div>
    </form>
  );
}

function StatusScreen({
  session,
  resident,
  onBack,
}: {
  session: KioskSession;
  resident: ResidentPublic;
  onBack(): void;
}) {
  const { db } = session;
  // Only this resident's own documents: their requests, and applications about them.
  const requests$ = useMemo(
    () =>
      db.requests
        .find({ selector: { type: 'request', residentNik: resident.nik } })
        .$.pipe(map((docs) => docs.map((d) => d.toJSON() as unknown as RequestDoc))),
    [db, resident.nik],
  );
  const applications$ = useMemo(
    () =>
      db.requests
        .find({ selector: { type: { $in: ['dukcapil-application', 'dukcapil-decision'] } } })
        .$.pipe(
          map((docs) =>
            docs.map((d) => d.toJSON() as unknown as DukcapilApplicationDoc | DukcapilDecisionDoc),
          ),
        ),
    [db],
  );
  const requests = useObservable(requests$, []);
  const both = useObservable(applications$, []);
  const decisions = both.filter((d): d is DukcapilDecisionDoc => d.type === 'dukcapil-decision');
  const applications = both.filter(
    (d): d is DukcapilApplicationDoc =>
      d.type === 'dukcapil-application' &&
      (d.subjectNik === resident.nik || d.subjects.some((s) => s.nik === resident.nik)),
  );
  useEffect(() => {
    void logAct(session, 'status-viewed', resident);
  }, [session, resident]);
  return (
    <div className="anjungan-panel" data-testid="anjungan-status">
      <h1>Status permohonan Anda</h1>
      {requests.length === 0 && applications.length === 0 && <p>Belum ada permohonan.</p>}
      <ul className="anjungan-status-list">
        {[...requests]
          .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
          .map((r) => (
            <li key={r.id} data-testid="anjungan-status-row">
              <strong>{letterTypeName(r.serviceType)}</strong>
              <span className={`anjungan-status anjungan-status--${r.status}`}>
                {REQUEST_STATUS_LABELS[r.status]}
              </span>
              <small>
                {stamp(r.createdAt)}
                {isFromAnjungan(r) ? ' · dari anjungan' : ' · di meja layanan'}
              </small>
            </li>
          ))}
        {applications.map((a) => (
          <li key={a.id} data-testid="anjungan-status-row">
            <strong>{shortName(a.documentType)} (Dukcapil)</strong>
            <span className="anjungan-status">
              {APPLICATION_STATUS_LABELS[applicationStatus(a, decisions)]}
            </span>
            <small>{a.subjectName}</small>
          </li>
        ))}
      </ul>
      <Button variant="primary" className="anjungan-big" onClick={onBack}>
        Kembali
      </Button>
    </div>
  );
}
