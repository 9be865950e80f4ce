// The desk's side of the anjungan mandiri: a resident who shows their KTP gets a PIN, printed
// once and changed by them at first use, and their e-KTP card registered (the reader types its
// UID into the field, then Enter). The host keeps both, hashed (decision 0026).
import { useState } from 'react';
import { parseNik } from '../../shared/nik';
import { getBridge } from '../bridge';
import { Button, Card, Field, Message, PageHeader } from '../ui';
import './anjungan.css';

export function AnjunganAccessScreen() {
  const [nik, setNik] = useState('');
  const [name, setName] = useState('');
  const [uid, setUid] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [issued, setIssued] = useState<{ nik: string; name: string; pin: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const checked = (): boolean => {
    const parsed = parseNik(nik.trim());
    if (!parsed.ok) return (setError(parsed.message), false);
    if (!name.trim()) return (setError('Nama penduduk wajib diisi.'), false);
    setError(null);
    return true;
  };
  const issuePin = () => {
    if (!checked()) return;
    setDone(null);
    getBridge()
      .issueResidentPin({ nik: nik.trim(), name: name.trim() })
      .then(setIssued, (e: Error) => setError(e.message));
  };
  const registerCard = () => {
    if (!checked()) return;
    getBridge()
      .registerResidentCard({ nik: nik.trim(), name: name.trim(), uid: uid.trim() })
      .then(
        (r) => {
          setUid('');
          setDone(`Kartu e-KTP terdaftar untuk ${r.name}.`);
        },
        (e: Error) => setError(e.message),
      );
  };

  return (
    <div className="anjungan-access">
      <PageHeader title="Akses Anjungan Mandiri" />
      <Card title="Penduduk (periksa KTP-nya)">
        <Field id="anjungan-nik" label="NIK">
          {(c) => (
            <input
              {...c}
              value={nik}
              inputMode="numeric"
              onChange={(e) => setNik(e.target.value)}
            />
          )}
        </Field>
        <Field id="anjungan-name" label="Nama">
          {(c) => <input {...c} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        {error && <Message tone="error">{error}</Message>}
        <Button variant="primary" onClick={issuePin}>
          Beri PIN baru
        </Button>
        <Field
          id="anjungan-card"
          label="Nomor kartu e-KTP"
          hint="Tempelkan kartu pada pembaca; nomornya terketik di sini."
        >
          {(c) => (
            <input
              {...c}
              value={uid}
              inputMode="numeric"
              onChange={(e) => setUid(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') registerCard();
              }}
            />
          )}
        </Field>
        <Button onClick={registerCard}>Daftarkan kartu</Button>
        {done && <Message tone="success">{done}</Message>}
      </Card>
      {issued && (
        <Card title="PIN anjungan (cetak sekali, serahkan ke penduduk)">
          <div className="print-pin" data-testid="issued-pin">
            <p>
              {issued.name} — NIK {issued.nik}
            </p>
            <p className="anjungan-number">{issued.pin}</p>
            <p>PIN ini hanya untuk sekali masuk; anjungan meminta PIN baru pilihan Anda sendiri.</p>
          </div>
          <Button onClick={() => window.print()}>Cetak PIN</Button>
          <Button variant="quiet" onClick={() => setIssued(null)}>
            Selesai (PIN tidak ditampilkan lagi)
          </Button>
        </Card>
      )}
    </div>
  );
}
