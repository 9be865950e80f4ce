// Shown instead of the desk when the local database is lost or damaged (renderer/backup/recovery.ts):
// rebuild from the regency, or restore a backup.
import { useEffect, useState } from 'react';
import type { KioskConfig } from '../../shared/ipc';
import { getBridge } from '../bridge';
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
    <section className="recovery" aria-label="Pemulihan data kiosk">
      <h2>Pulihkan data kiosk</h2>
      {holder?.role === 'administrator' ? (
        <p data-testid="recovery-holder">Masuk sebagai {holder.name}.</p>
      ) : (
        <p>Masuk sebagai administrator kiosk untuk membangun ulang atau memulihkan data.</p>
      )}
      <p>
        Bangun ulang dari server kabupaten: semua yang sudah terkirim ditarik kembali; yang belum
        terkirim hanya ada di cadangan.
      </p>
      <button type="button" onClick={() => void rebuild(config)}>
        Bangun ulang dari kabupaten
      </button>
      {error && <p role="alert">{error}</p>}
      <h3>Atau pulihkan dari cadangan</h3>
      <RestoreForm config={config} />
    </section>
  );
}
