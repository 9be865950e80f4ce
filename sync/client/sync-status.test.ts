import { describe, expect, it } from 'vitest';
import { CouchError } from './couch-client';
import { deriveStatus, type SyncHealth } from './sync-status';

const healthy: SyncHealth = {
  running: true,
  pushError: null,
  pullError: null,
  caughtUp: true,
  lastSuccessAt: null,
  conflicts: 0,
  clockSkewMs: null,
  photoBacklog: 0,
  retryAt: null,
};
const none = { pending: 0, rejected: 0, photosPending: 0 };

describe('what staff see of the sync', () => {
  it('is up to date only when caught up with nothing waiting, text or photos', () => {
    expect(deriveStatus(healthy, none).state).toBe('up-to-date');
    expect(deriveStatus(healthy, { ...none, pending: 1 }).state).toBe('syncing');
    expect(deriveStatus({ ...healthy, photoBacklog: 2 }, none).state).toBe('syncing');
    expect(deriveStatus({ ...healthy, caughtUp: false }, none).state).toBe('syncing');
  });

  it('says offline for a lost link and error for anything else, with the reason', () => {
    const offline = new CouchError('offline', 'Server kabupaten tidak dapat dihubungi.');
    expect(deriveStatus({ ...healthy, pullError: offline }, none)).toMatchObject({
      state: 'offline',
      error: offline.message,
    });
    const refused = new CouchError('unauthorized', 'ditolak', 401);
    expect(deriveStatus({ ...healthy, pushError: refused }, none).state).toBe('error');
    expect(deriveStatus({ ...healthy, running: false }, none).state).toBe('stopped');
  });
});
