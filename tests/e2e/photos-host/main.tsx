// A tiny host screen for the photo components, built by tests/e2e/photos.test.ts: the real
// PhotoInput and PhotoStrip over the kiosk's real database (RxDB on Chromium's IndexedDB), with
// no hub (the replicator is never started) and none of the app's screens around them.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { openKioskDatabase } from '../../../renderer/db/database';
import { PhotoInput } from '../../../renderer/photos/PhotoInput';
import { PhotoStrip } from '../../../renderer/photos/PhotoStrip';
import { useSession } from '../../../renderer/state/session-store';
import type { KioskSession } from '../../../renderer/session';
import { createIdGenerator } from '../../../shared/ids';
import { createCouchClient } from '../../../sync/client/couch-client';
import { createReplicator } from '../../../sync/client/replicator';

const villageCode = '3510992001';
const kioskId = 'k1';
const db = await openKioskDatabase('balai_photo_host', getRxStorageDexie());
const session = {
  config: { villageCode, kioskId },
  db,
  ids: createIdGenerator(villageCode, kioskId),
  replicator: createReplicator({
    db,
    couch: createCouchClient({ dbUrl: `${location.origin}/x/` }),
  }),
} as unknown as KioskSession;
useSession.setState({ phase: 'open', session });
// The test reads what was stored straight from the database.
(window as unknown as { photoDb: typeof db }).photoDb = db;

function Host() {
  const [ids, setIds] = useState<string[]>([]);
  return (
    <main>
      <h1>Foto progres</h1>
      <PhotoInput refId="progress:uji" onSaved={(saved) => setIds((prev) => [...prev, ...saved])} />
      <PhotoStrip photoIds={[...ids, 'photo:belum-ada']} />
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<Host />);
