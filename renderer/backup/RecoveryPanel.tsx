// Shown instead of the desk when the local database is lost or damaged (renderer/backup/recovery.ts):
// rebuild from the regency, or restore a backup.
import { useEffect, useState } from 'react';
import type { KioskConfig } from '../../shared/ipc';
import { getBridge } from '../bridge';
import { Button, Message } from '../ui';
import { useSignIn } from '../staff/store';
import { rebuildFromRegency } from './recovery';
import { RestoreForm } from './RestoreForm';

export function RecoveryPanel() {
  const holder = useSignIn((s) => s.holder);
  const [config, setConfig] = useState<KioskConfig | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    getBridge()
      .getConfig()
      .then(setConfig, (e: unknown) => setError(String(e)));
  }, []);
  if (!config) return error ? <p role="alert">{error}</p> : null;

  async function rebuild(c: KioskConfig) {
    try {
      await rebuildFromRegency(c);
      window.location.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <section className="recovery ui-card ui-stack" aria-label="Pemulihan data kios">
      <h2>Pulihkan data kios</h2>
      {holder?.role === 'administrator' ? (
        <p data-testid="recovery-holder">Masuk sebagai {holder.name}.</p>
      ) : (
        <p>Masuk sebagai administrator kios untuk membangun ulang atau memulihkan data.</p>
      )}
      <p>
        Bangun ulang dari server kabupaten: semua yang sudah terkirim ditarik kembali; yang belum
        terkirim hanya ada di cadangan.
      </p>
      <div className="ui-actions">
        <Button variant="primary" onClick={() => void rebuild(config)}>
          Bangun ulang dari kabupaten
        </Button>
      </div>
      {error && <Message tone="error">{error}</Message>}
      <h3>Atau pulihkan dari cadangan</h3>
      <RestoreForm config={config} />
    </section>
  );
}
