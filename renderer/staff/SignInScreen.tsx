// Signing in, keyboard only: the name from the staff list (arrow keys), the PIN, Enter. When the
// kiosk is locked, the person whose work waits is chosen already and their work stays hidden
// until they, or someone else, sign in.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { StaffPublic } from '../../shared/staff/accounts';
import { STAFF_ROLE_LABELS } from '../../shared/staff/roles';
import { getBridge } from '../bridge';
import { Button, Field, Message } from '../ui';
import { useSignIn } from './store';

export function SignInScreen() {
  const { holder, status, signedIn } = useSignIn();
  const [names, setNames] = useState<StaffPublic[]>([]);
  const [staffId, setStaffId] = useState(holder?.id ?? '');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pin = useRef<HTMLInputElement>(null);

  useEffect(() => {
    getBridge()
      .staffNames()
      .then((list) => {
        setNames(list);
        setStaffId((id) => id || list[0]?.id || '');
      })
      .catch((err: unknown) => setError((err as Error).message));
  }, []);
  useEffect(() => {
    if (holder) pin.current?.focus();
  }, [holder]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      signedIn(await getBridge().login({ staffId, secret }));
    } catch (err) {
      setError((err as Error).message);
      setSecret('');
      pin.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <h1>{status?.villageName ? `Balai — Desa ${status.villageName}` : 'Balai'}</h1>
      <form className="ui-card ui-form" aria-label="Masuk" onSubmit={(e) => void submit(e)}>
        <h2>{holder ? 'Kios terkunci' : 'Masuk'}</h2>
        {holder && (
          <Message>
            Pekerjaan {holder.name} tersimpan sementara dan tersembunyi. Masuk lagi untuk
            melanjutkan, atau masuk sebagai petugas lain (pekerjaan yang belum disimpan akan
            dibuang).
          </Message>
        )}
        <Field id="sign-in-name" label="Nama petugas">
          {(control) => (
            <select
              {...control}
              value={staffId}
              onChange={(e) => setStaffId(e.target.value)}
              autoFocus={!holder}
            >
              {names.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} — {STAFF_ROLE_LABELS[s.role]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="sign-in-secret" label="PIN atau kata sandi">
          {(control) => (
            <input
              {...control}
              ref={pin}
              type="password"
              autoComplete="off"
              value={secret}
              onChange={(e) => setSecret(e.target.value)}
            />
          )}
        </Field>
        {error && <Message tone="error">{error}</Message>}
        <div className="ui-actions">
          <Button variant="primary" type="submit" disabled={busy || !staffId || !secret}>
            Masuk
          </Button>
        </div>
      </form>
    </main>
  );
}
