// Cadangan: the encrypted export for a drive (a download in the browser kiosk, Electron's save
// dialog, or straight onto a mounted flashdisk), the kiosk's automatic backups, and restore.
import { useEffect, useState, type FormEvent } from 'react';
import type { BackupFile, RemovableDrive } from '../../shared/backup/channels';
import { passphraseProblem } from '../../shared/backup/format';
import { getBridge } from '../bridge';
import { Button, Card, Field, Message } from '../ui';
import { useOpenSession } from '../state/session-store';
import { assertSignedInMay } from './permission';
import { backupFileName } from './restore';
import { RestoreForm } from './RestoreForm';
import { backUpLocallyNow } from './schedule';
import { backupText } from './snapshot';

export function BackupScreen() {
  const session = useOpenSession();
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [drives, setDrives] = useState<RemovableDrive[]>([]);
  const [drive, setDrive] = useState('');
  const [local, setLocal] = useState<BackupFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  const refresh = () =>
    getBridge()
      .listBackups()
      .then(
        (list) => {
          setDrives(list.drives);
          setLocal(list.local);
        },
        () => undefined,
      );
  useEffect(() => void refresh(), []);

  async function exportBackup(event: FormEvent) {
    event.preventDefault();
    const problem = passphraseProblem(passphrase, repeat);
    if (problem) {
      setMessage({ error: true, text: problem });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      await assertSignedInMay('backup.export');
      const text = await backupText(session.db, session.config, passphrase);
      const name = backupFileName(session.config);
      if (drive) {
        const saved = await getBridge().saveBackupToDrive({ drive, name, text });
        setMessage({ error: false, text: `Cadangan tersimpan di ${drive}/${saved.name}.` });
      } else {
        download(name, text);
        setMessage({ error: false, text: `Cadangan ${name} siap; simpan ke flashdisk.` });
      }
      setPassphrase('');
      setRepeat('');
    } catch (error) {
      setMessage({ error: true, text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  }

  async function backUpNow() {
    setBusy(true);
    try {
      await backUpLocallyNow(session);
      await refresh();
      setMessage({ error: false, text: 'Cadangan otomatis dibuat.' });
    } catch (error) {
      setMessage({ error: true, text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="backup">
      {message && <Message tone={message.error ? 'error' : 'success'}>{message.text}</Message>}
      <div className="backup-columns">
        <Card title="Ekspor cadangan terenkripsi">
          <form
            className="ui-form"
            onSubmit={(e) => void exportBackup(e)}
            aria-label="Ekspor cadangan"
          >
            <Field
              id="backup-passphrase"
              label="Kata sandi cadangan"
              hint="Minimal 10 karakter. Tanpa kata sandi ini cadangan tidak dapat dibuka."
            >
              {(control) => (
                <input
                  {...control}
                  type="password"
                  value={passphrase}
                  autoComplete="new-password"
                  onChange={(e) => setPassphrase(e.target.value)}
                />
              )}
            </Field>
            <Field id="backup-repeat" label="Ulangi kata sandi">
              {(control) => (
                <input
                  {...control}
                  type="password"
                  value={repeat}
                  autoComplete="new-password"
                  onChange={(e) => setRepeat(e.target.value)}
                />
              )}
            </Field>
            <Field id="backup-drive" label="Simpan ke">
              {(control) => (
                <select {...control} value={drive} onChange={(e) => setDrive(e.target.value)}>
                  <option value="">Unduh / pilih tempat</option>
                  {drives.map((d) => (
                    <option key={d.path} value={d.path}>
                      Flashdisk {d.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <div className="ui-actions">
              <Button variant="primary" type="submit" disabled={busy}>
                {busy ? 'Membuat cadangan…' : 'Buat cadangan'}
              </Button>
            </div>
          </form>
        </Card>
        <Card title="Cadangan otomatis di kios ini">
          <p>Dibuat setiap hari saat kios pertama kali dibuka; tujuh terakhir disimpan.</p>
          <ul className="backup-files">
            {local.map((f) => (
              <li key={f.name}>
                {f.name} ({Math.ceil(f.bytes / 1024)} KB)
              </li>
            ))}
          </ul>
          <div className="ui-actions">
            <Button disabled={busy} onClick={() => void backUpNow()}>
              Buat cadangan otomatis sekarang
            </Button>
          </div>
        </Card>
      </div>
      <Card title="Pulihkan dari cadangan">
        <p>Cadangan diperiksa utuh lebih dulu; data kios hanya diganti bila semuanya sah.</p>
        <RestoreForm config={session.config} />
      </Card>
    </div>
  );
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
