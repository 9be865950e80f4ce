// The connection code from the regency's printed sheet (decision 0023), typed or scanned: a
// barcode scanner types it like a keyboard and ends with Enter, which here reads the code instead
// of submitting the setup. A code that reads fills the regency fields; nothing is saved until the
// administrator presses "Siapkan kios".
import { useState } from 'react';
import { readConnectionCode, type KioskConnectionCode } from '../../shared/connection-code';
import { formatVillageCode } from '../../shared/village';
import { Field, Message } from '../ui';

export function ConnectionCodeField({
  onRead,
}: {
  /** The connection read, or the reason (in Bahasa) it cannot be taken here. */
  onRead: (connection: KioskConnectionCode) => string | null;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [read, setRead] = useState<KioskConnectionCode | null>(null);

  // Quietly while the code is still arriving; said aloud on Enter or on leaving the field.
  const take = (value: string, final: boolean) => {
    setText(value);
    const reading = readConnectionCode(value);
    if (reading.ok) {
      const refusal = onRead(reading.value);
      setError(refusal);
      setRead(refusal ? null : reading.value);
      // The secret does not stay in view once its fields are filled.
      if (!refusal) setText('');
    } else {
      setError(final && value.trim() ? reading.error : null);
    }
  };

  return (
    <>
      <Field
        id="setup-connectionCode"
        label="Kode koneksi (pindai QR lembar kabupaten)"
        hint="Atau isi kolom di bawah satu per satu."
        error={error}
      >
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="off"
            value={text}
            onChange={(e) => take(e.target.value, false)}
            onBlur={(e) => take(e.target.value, true)}
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              e.preventDefault();
              take(e.currentTarget.value, true);
            }}
          />
        )}
      </Field>
      {read && (
        <Message tone="success" testId="connection-code-read">
          Kode koneksi terbaca: desa {formatVillageCode(read.villageCode)}, kios {read.kioskId},
          server {new URL(read.url).host}. Kolom server kabupaten sudah terisi.
        </Message>
      )}
    </>
  );
}
