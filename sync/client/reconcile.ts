// The regency holds another revision of a pending document. If it is the same content (our
// earlier push landed but its answer was lost) we adopt its revision: delivered exactly once.
// Otherwise the deterministic rule (conflicts.ts) picks a winner and the loser is logged.
import type { CollectionName } from '../../shared/documents/collections';
import { pickWinner } from './conflicts';
import type { CouchDoc } from './couch-client';
import { fromCouch, sameContent, type Stored } from './couch-shape';
import { withoutLocalFields } from './local-fields';
import { settleAll, type Outcome } from './settle';
import type { SyncHistory } from './sync-history';
import type { KioskDatabase } from './store-types';

export type Reconcile = (
  name: CollectionName,
  local: Stored,
  remote: CouchDoc,
) => Promise<'settled' | 'retry'>;

export function createReconcile(db: KioskDatabase, history: SyncHistory): Reconcile {
  return async (name, local, remote) => {
    const remoteStored = fromCouch(name, remote);
    if (!remoteStored) return 'retry';
    const rev = String(remote._rev);
    const settle = (outcome: Outcome) => settleAll(db, [{ name, doc: local, outcome }]);
    if (sameContent(local, remoteStored)) {
      await settle({ kind: 'pushed', rev });
      return 'settled';
    }
    const localJson = JSON.stringify(withoutLocalFields(local));
    const remoteJson = JSON.stringify(withoutLocalFields(remoteStored));
    const winner = pickWinner(local, remoteStored, localJson, remoteJson);
    await history.logConflict({
      id: local.id,
      at: new Date().toISOString(),
      kept: winner,
      lost: winner === 'local' ? remoteJson : localJson,
    });
    if (winner === 'remote') {
      await settle({ kind: 'replaced', remote: remoteStored });
      return 'settled';
    }
    await settle({ kind: 'rebased', rev });
    return 'retry';
  };
}
