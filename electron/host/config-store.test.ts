import { mkdtempSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { VillageCode } from '../../shared/village';
import {
  ConfigError,
  ConfigStore,
  hubConnectionFile,
  plainSecretCodec,
  readEnvSettings,
  resolveKioskSettings,
  type SecretCodec,
} from './config-store';

const envConnection = { url: 'http://env.example:5984', username: 'env', password: 'env-pw' };
const savedConnection = {
  url: 'http://saved.example:5984',
  username: 'saved',
  password: 'saved-pw',
};
const hubConnection = { url: 'http://127.0.0.1:5985', username: 'hub', password: 'hub-pw' };

describe('resolveKioskSettings', () => {
  const hub = () => hubConnection;
  const noHub = () => null;

  it('prefers the environment over the saved file and the hub file', () => {
    const settings = resolveKioskSettings(
      { villageCode: '3510172001' as VillageCode, kioskId: 'k9', regency: envConnection },
      { villageCode: '3510172002' as VillageCode, kioskId: 'k2', regency: savedConnection },
      hub,
    );
    expect(settings).toEqual({
      villageCode: '3510172001',
      kioskId: 'k9',
      regency: envConnection,
      regencySource: 'env',
    });
  });

  it('uses the saved connection before the hub file', () => {
    expect(resolveKioskSettings({}, { regency: savedConnection }, hub).regencySource).toBe('saved');
  });

  it('falls back to the hub file for the resolved village and kiosk', () => {
    const asked: string[] = [];
    const settings = resolveKioskSettings(
      { kioskId: 'k3' },
      { villageCode: '3510172002' as VillageCode },
      (v, k) => {
        asked.push(`${v}/${k}`);
        return hubConnection;
      },
    );
    expect(asked).toEqual(['3510172002/k3']);
    expect(settings.regencySource).toBe('hub');
  });

  it('runs offline with the demo village when nothing is configured', () => {
    expect(resolveKioskSettings({}, {}, noHub)).toEqual({
      villageCode: '3510172001',
      kioskId: 'k1',
      regency: null,
      regencySource: null,
    });
  });
});

describe('readEnvSettings', () => {
  it('reads the BALAI_* variables and ignores empty ones', () => {
    expect(
      readEnvSettings({
        BALAI_VILLAGE_CODE: '3510172001',
        BALAI_KIOSK_ID: '',
        BALAI_REGENCY_URL: envConnection.url,
        BALAI_REGENCY_USER: envConnection.username,
        BALAI_REGENCY_PASSWORD: envConnection.password,
      }),
    ).toEqual({ villageCode: '3510172001', regency: envConnection });
  });

  it('refuses a regency URL without its credentials', () => {
    expect(() => readEnvSettings({ BALAI_REGENCY_URL: envConnection.url })).toThrow(ConfigError);
  });

  it('refuses a malformed village code', () => {
    expect(() => readEnvSettings({ BALAI_VILLAGE_CODE: '35.10' })).toThrow(/BALAI_VILLAGE_CODE/);
  });
});

describe('ConfigStore', () => {
  let dataDir: string;
  let hubDir: string;
  const warnings: string[] = [];
  const make = (env: Record<string, string> = {}, codec: SecretCodec = plainSecretCodec) =>
    new ConfigStore({ dataDir, env, defaultHubDir: hubDir, codec, warn: (m) => warnings.push(m) });

  beforeEach(() => {
    const root = mkdtempSync(join(tmpdir(), 'balai-config-'));
    dataDir = join(root, 'data');
    hubDir = join(root, 'hub');
    warnings.length = 0;
  });

  it('saves the connection in a 0600 file and reads it back', () => {
    make().saveRegency(savedConnection);
    const store = make();
    expect(store.settings().regency).toEqual(savedConnection);
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
  });

  it('stores the password only in sealed form', () => {
    const reversing: SecretCodec = {
      scheme: 'test-reverse',
      seal: (s) => [...s].reverse().join(''),
      open: (s) => [...s].reverse().join(''),
    };
    const store = make({}, reversing);
    store.saveRegency(savedConnection);
    expect(readFileSync(store.file, 'utf8')).not.toContain(savedConnection.password);
    expect(make({}, reversing).settings().regency).toEqual(savedConnection);
  });

  it('ignores a password sealed by another shell, with a warning', () => {
    make({}, { scheme: 'other', seal: (s) => s, open: (s) => s }).saveRegency(savedConnection);
    expect(make().settings().regency).toBeNull();
    expect(warnings.join()).toMatch(/another shell/);
  });

  it('picks up the hub demo file, and lets a saved connection override it', () => {
    mkdirSync(hubDir, { recursive: true });
    writeFileSync(
      hubConnectionFile(hubDir, '3510172001' as VillageCode, 'k1'),
      JSON.stringify({ ...hubConnection, villageCode: '3510172001', kioskId: 'k1' }),
    );
    const store = make();
    expect(store.settings()).toMatchObject({ regency: hubConnection, regencySource: 'hub' });
    store.saveRegency(savedConnection);
    expect(store.settings()).toMatchObject({ regency: savedConnection, regencySource: 'saved' });
  });

  it('survives a damaged config file', () => {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'config.json'), '{ not json');
    expect(make().settings().regency).toBeNull();
    expect(warnings).toHaveLength(1);
  });
});
