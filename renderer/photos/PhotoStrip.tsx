// Thumbnails of a document's photos. A photo not yet on this kiosk (still on its way over a slow
// link, or refused because it arrived damaged) shows "foto belum tiba" in its place.
import { useMemo } from 'react';
import { map } from 'rxjs';
import type { PhotoDoc } from '../../shared/documents/photo';
import { useOpenSession } from '../state/session-store';
import { useObservable } from '../state/use-observable';

export function PhotoStrip({ photoIds }: { photoIds: string[] }) {
  const { db } = useOpenSession();
  const key = photoIds.join('\n');
  const photos$ = useMemo(
    () =>
      db.photos
        .findByIds(key ? key.split('\n') : [])
        .$.pipe(
          map(
            (found) =>
              new Map([...found].map(([id, doc]) => [id, doc.toJSON() as unknown as PhotoDoc])),
          ),
        ),
    [db, key],
  );
  const photos = useObservable(photos$, new Map<string, PhotoDoc>());
  if (!photoIds.length) return null;
  return (
    <ul className="photo-strip" aria-label="Foto terlampir">
      {photoIds.map((id) => {
        const photo = photos.get(id);
        return (
          <li key={id} data-photo-id={id}>
            {photo ? (
              <img
                src={`data:${photo.mime};base64,${photo.data}`}
                alt={photo.caption || 'Foto'}
                title={photo.caption || undefined}
                width={
                  photo.width >= photo.height ? 120 : Math.round((120 * photo.width) / photo.height)
                }
                height={
                  photo.width >= photo.height ? Math.round((120 * photo.height) / photo.width) : 120
                }
                loading="lazy"
              />
            ) : (
              <span className="photo-missing">foto belum tiba</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
