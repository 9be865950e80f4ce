// The anjungan's window (served under /anjungan/): the residents' self-service screen, or with
// `?layar=panggilan` the waiting room's call screen. Resident mode: the host answers this window
// only its own channels, whoever is signed in at the desk (decision 0026).
import { useEffect, useState } from 'react';
import type { KioskSession } from '../session';
import { Message } from '../ui';
import { CallScreen } from './CallScreen';
import { ResidentKiosk } from './ResidentKiosk';
import { openAnjunganSession } from './session';
import './anjungan.css';

let opening: Promise<KioskSession> | null = null;

export function AnjunganApp() {
  const [session, setSession] = useState<KioskSession | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    // One database per page (React runs effects twice in development).
    opening ??= openAnjunganSession();
    opening.then(setSession, (e: Error) => setFailure(e.message));
  }, []);
  if (failure) return <Message tone="error">Anjungan tidak dapat dibuka: {failure}</Message>;
  if (!session) return <p className="anjungan-opening">Membuka anjungan…</p>;
  const callScreen = new URLSearchParams(window.location.search).get('layar') === 'panggilan';
  return callScreen ? <CallScreen session={session} /> : <ResidentKiosk session={session} />;
}
