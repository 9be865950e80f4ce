// Choosing a backup (a file from a drive, or one of the kiosk's own) and restoring it. Used by the
// backup screen and by the recovery panel, which has no open session.
import { useEffect, useState, type FormEvent } from 'react';
import type { BackupFile } from '../../shared/backup/channels';
import type { KioskConfig } from '../../shared/ipc';
import { getBridge } from '../bridge';
import { Button, Field, Message } from '../ui';
import { restoreFromText } from './restore';

const LOCAL_PREFIX = 'lokal:';

export function RestoreForm({ config }: { config: KioskConfig }) {
  const [local, setLocal] = useState<BackupFile[]>([]);
  const [source, setSource] = useState('berkas');
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  useEffect(() => {
    getBridge()
      .listBackups()
      .then(
        (list) => setLocal(list.local),
        () => setLocal([]),
      );
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const bridge = getBridge();
      let text: string;
      let key = passphrase;
      if (source.startsWith(LOCAL_PREFIX)) {
        text = (await bridge.readLocalBackup({ name: source.slice(LOCAL_PREFIX.length) })).text;
        key = (await bridge.localBackupKey()).passphrase;
      } else if (file) {
        text = await file.text();
      } else {
        setMessage({ error: true, text: 'Pilih berkas cadangan terlebih dahulu.' });
        return;
      }
      const result = await restoreFromText(config, text, key);
      if (!result.ok) {
        setMessage({ error: true, text: result.message });
        return;
      }
      setMessage({
        error: false,
        text: `Cadangan dipulihkan (${result.documents} dokumen). Kios dibuka ulang…`,
      });
      window.location.reload();
    } catch (error) {
      setMessage({
        error: true,
        text: `Pemulihan gagal; data lama tetap dipakai. ${error instanceof Error ? error.message : ''}`,
      });
    } finally {
      setBusy(false);
    }
  }

  const fromLocal = source.startsWith(LOCAL_PREFIX);
  return (
    <form className="ui-form" onSubmit={(e) => void submit(e)} aria-label="Pulihkan cadangan">
      <Field id="restore-source" label="Sumber cadangan">
        {(control) => (
          <select {...control} value={source} onChange={(e) => setSource(e.target.value)}>
            <option value="berkas">Berkas (flashdisk)</option>
            {local.map((f) => (
              <option key={f.name} value={`${LOCAL_PREFIX}${f.name}`}>
                Cadangan otomatis {f.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {!fromLocal && (
        <>
          <Field id="restore-file" label="Berkas cadangan">
            {(control) => (
              <input
                {...control}
                type="file"
                accept=".balai-backup"
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
            )}
          </Field>
          <Field id="restore-passphrase" label="Kata sandi cadangan">
            {(control) => (
              <input
                {...control}
                type="password"
                value={passphrase}
                autoComplete="off"
                onChange={(e) => setPassphrase(e.target.value)}
              />
            )}
          </Field>
        </>
      )}
      {message && <Message tone={message.error ? 'error' : 'success'}>{message.text}</Message>}
      <div className="ui-actions">
        <Button variant="danger" type="submit" disabled={busy}>
          {busy ? 'Memeriksa cadangan…' : 'Periksa dan pulihkan'}
        </Button>
      </div>
    </form>
  );
}
