// "Foto": choose or take photos for a document. Each is made small in the browser (compress.ts),
// hashed, given the place it was taken (its EXIF GPS, else the kiosk's last known position — never
// waited for) and saved locally as pending; the sync sends it in the photo lane, after the text.
// Several photos are saved together or not at all: one bad file saves none and says why.
import { useEffect, useId, useRef, useState } from 'react';
import type { PhotoDoc, PhotoLocation } from '../../shared/documents/photo';
import { readExif } from '../../shared/photos/exif';
import { buildPhotoDoc } from '../../shared/photos/photo-doc';
import { pendingLocal } from '../../sync/client/local-fields';
import { useOpenSession } from '../state/session-store';
import { compressPhoto, PhotoError } from './compress';

/** EXIF sits in the first segment of a JPEG: no need to read a 10 MB file to find it. */
const EXIF_HEAD_BYTES = 128 * 1024;

export function PhotoInput({
  refId,
  onSaved,
}: {
  refId: string;
  onSaved(photoIds: string[]): void;
}) {
  const { db, ids, config } = useOpenSession();
  const inputId = useId();
  const [caption, setCaption] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const position = useLastKnownPosition();

  async function save(files: File[]) {
    setBusy(true);
    setError('');
    setDone('');
    try {
      const docs: PhotoDoc[] = [];
      const at = new Date().toISOString();
      for (const file of files) {
        const small = await compressPhoto(file);
        const exif = readExif(new Uint8Array(await file.slice(0, EXIF_HEAD_BYTES).arrayBuffer()));
        const built = await buildPhotoDoc(
          refId,
          {
            ...small,
            takenAt: exif.takenAt
              ? localToIso(exif.takenAt)
              : new Date(file.lastModified || Date.now()).toISOString(),
            location: exif.location ?? position.current,
            caption,
          },
          { villageCode: config.villageCode, kioskId: config.kioskId, ids },
          at,
        );
        if (!built.ok) throw new PhotoError(built.message);
        docs.push(built.doc);
      }
      // One write for all of them: either every photo is stored or none is.
      const result = await db.photos.bulkInsert(docs.map((doc) => pendingLocal(doc)) as never);
      if (result.error.length) throw new PhotoError('Foto gagal disimpan di kios ini.');
      setCaption('');
      setDone(`${docs.length} foto tersimpan di kios ini.`);
      onSaved(docs.map((d) => d.id));
    } catch (err) {
      setError(
        err instanceof PhotoError
          ? `${err.message} Tidak ada foto yang disimpan.`
          : 'Foto tidak dapat diolah. Tidak ada foto yang disimpan.',
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="photo-input">
      <label htmlFor={inputId}>Foto</label>
      <input
        id={inputId}
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        disabled={busy}
        onChange={(e) => {
          const files = Array.from(e.currentTarget.files ?? []);
          e.currentTarget.value = '';
          if (files.length) void save(files);
        }}
      />
      <label htmlFor={`${inputId}-caption`}>Keterangan foto (boleh kosong)</label>
      <input
        id={`${inputId}-caption`}
        type="text"
        maxLength={500}
        value={caption}
        onChange={(e) => setCaption(e.currentTarget.value)}
      />
      <p aria-live="polite" className="photo-status">
        {busy ? 'Mengolah foto…' : done}
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}

/** EXIF's zone-less camera time, read as the kiosk's local time. */
function localToIso(local: string): string {
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? new Date().toISOString() : date.toISOString();
}

/**
 * The kiosk's position as last reported, asked for once when the input appears. Saving never
 * waits for it: a photo saved before (or without) an answer simply has no location.
 */
function useLastKnownPosition(): { current: PhotoLocation | undefined } {
  const position = useRef<PhotoLocation | undefined>(undefined);
  useEffect(() => {
    if (!('geolocation' in navigator)) return;
    const watch = navigator.geolocation.watchPosition(
      (p) => {
        position.current = { lat: p.coords.latitude, lon: p.coords.longitude };
      },
      () => undefined, // refused or unavailable: photos go without a location
      { maximumAge: 10 * 60 * 1000, timeout: 60 * 1000 },
    );
    return () => navigator.geolocation.clearWatch(watch);
  }, []);
  return position;
}
