// When the regency's copy and the kiosk's copy of a document differ (two kiosks of one village
// edited it while apart), one wins by a rule every kiosk computes the same way: the later
// `updatedAt`, then the higher kioskId, then the higher content. The loser is kept in the
// conflict log, so nothing silently disappears.

export interface Versioned {
  updatedAt: string;
  kioskId: string;
}

export type Winner = 'local' | 'remote';

export function pickWinner(
  local: Versioned,
  remote: Versioned,
  localBody: string,
  remoteBody: string,
): Winner {
  if (local.updatedAt !== remote.updatedAt)
    return local.updatedAt > remote.updatedAt ? 'local' : 'remote';
  if (local.kioskId !== remote.kioskId) return local.kioskId > remote.kioskId ? 'local' : 'remote';
  return localBody > remoteBody ? 'local' : 'remote';
}

export interface ConflictRecord {
  id: string;
  at: string;
  kept: Winner;
  /** The losing version, as JSON. */
  lost: string;
}
