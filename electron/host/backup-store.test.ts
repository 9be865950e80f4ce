import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupStamp } from '../../shared/backup/channels';
import { BackupStore, LOCAL_BACKUP_GENERATIONS } from './backup-store';

const fresh = () => mkdtempSync(join(tmpdir(), 'balai-backup-store-'));

describe('BackupStore', () => {
  it('keeps the newest generations of local backups, written whole', () => {
    const dir = fresh();
    const store = new BackupStore(dir, []);
    for (let day = 1; day <= LOCAL_BACKUP_GENERATIONS + 3; day++) {
      store.saveLocal(`cadangan ${day}`, '3510992001', 'k1', new Date(2026, 10, day, 8));
    }
    const kept = store.listLocal();
    expect(kept).toHaveLength(LOCAL_BACKUP_GENERATIONS);
    expect(kept[0]!.name).toBe('balai-3510992001-k1-20261104-080000.balai-backup');
    expect(store.readLocal(kept.at(-1)!.name)).toBe(`cadangan ${LOCAL_BACKUP_GENERATIONS + 3}`);
    // No temp file is left behind.
    expect(readdirSync(join(dir, 'backups')).every((f) => f.endsWith('.balai-backup'))).toBe(true);
  });

  it('names a scheduled backup on the office clock the renderer stamped, the rule a manual one uses', () => {
    const store = new BackupStore(fresh(), []);
    // 07:30 in Banyuwangi is 00:30 UTC: the host's clock would name it after the day before.
    const office = backupStamp(new Date(2026, 11, 3, 7, 30, 0));
    const saved = store.saveLocal('cadangan', '3510992001', 'k1', office);
    expect(saved.name).toBe('balai-3510992001-k1-20261203-073000.balai-backup');
  });

  it('refuses to read a name outside the backups folder', () => {
    const store = new BackupStore(fresh(), []);
    expect(store.readLocal('../config.json')).toBeNull();
  });

  it('remembers the database and what it held, and a switch forgets the old counts', () => {
    const store = new BackupStore(fresh(), []);
    expect(store.pointer()).toEqual({ databaseName: null, lastKnown: null, previous: null });
    store.record('balai_3510992001_k1', { requests: 3 }, new Date('2026-11-28T01:00:00Z'));
    expect(store.pointer().lastKnown?.counts).toEqual({ requests: 3 });
    store.switchDatabase('balai_3510992001_k1_r1', 'balai_3510992001_k1');
    expect(store.pointer()).toEqual({
      databaseName: 'balai_3510992001_k1_r1',
      lastKnown: null,
      previous: 'balai_3510992001_k1',
    });
    // A late report from the database the pointer has left changes nothing.
    store.record('balai_3510992001_k1', { requests: 9 }, new Date());
    expect(store.pointer().lastKnown).toBeNull();
  });

  it('writes an export only onto a mounted drive it listed', () => {
    const media = fresh();
    mkdirSync(join(media, 'FLASHDISK'));
    const store = new BackupStore(fresh(), [media]);
    expect(store.drives()).toEqual([{ path: join(media, 'FLASHDISK'), label: 'FLASHDISK' }]);
    const name = 'balai-3510992001-k1-20261128-090000.balai-backup';
    expect(store.saveToDrive(join(media, 'FLASHDISK'), name, 'x')?.bytes).toBe(1);
    expect(store.saveToDrive('/tmp', name, 'x')).toBeNull();
  });

  it('tells how much disk is free where the data lives', () => {
    expect(new BackupStore(fresh(), []).freeBytes()).toBeGreaterThan(0);
  });

  it('treats a damaged pointer file as no memory rather than failing to start', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'database.json'), '{rusak');
    expect(new BackupStore(dir, []).pointer()).toEqual({
      databaseName: null,
      lastKnown: null,
      previous: null,
    });
  });
});
