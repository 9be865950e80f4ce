// The kiosk's configuration: which village and kiosk it is, and how it reaches the regency.
// Sources, highest first: environment variables, the saved config file in the data dir, the
// demo connection file the embedded hub writes (`npm run hub`), defaults. The sync password
// is sealed in the file by a shell-specific codec (Electron safeStorage, or a 0600 file).
import { join, resolve } from 'node:path';
import { z } from 'zod';
import {
  parseJsonOrUndefined,
  readTextIfExists,
  writePrivateFile,
} from '../../node-shared/private-files';
import {
  kioskIdSchema,
  regencyConnectionSchema,
  regencyUrlSchema,
  villageCodeSchema,
  type LetterKey,
  type RegencyConnection,
  type RegencySetup,
} from '../../shared/ipc';
import type { VillageCode } from '../../shared/village';
import {
  openSavedLetterKey,
  readEnvLetterKey,
  readHubLetterKey,
  sealLetterKey,
} from './letter-key';

export const ENV_NAMES = {
  dataDir: 'BALAI_DATA_DIR',
  villageCode: 'BALAI_VILLAGE_CODE',
  kioskId: 'BALAI_KIOSK_ID',
  regencyUrl: 'BALAI_REGENCY_URL',
  regencyUser: 'BALAI_REGENCY_USER',
  regencyPassword: 'BALAI_REGENCY_PASSWORD',
  hubDir: 'BALAI_HUB_DATA',
  port: 'BALAI_PORT',
  kioskMode: 'BALAI_KIOSK_MODE',
} as const;

/** The demo village of `npm run hub` (Jambesari, Giri, Banyuwangi). */
export const DEFAULT_VILLAGE_CODE = '3510172001';
export const DEFAULT_KIOSK_ID = 'k1';
export const CONFIG_FILE_NAME = 'config.json';

export type Env = Record<string, string | undefined>;

export type RegencySource = 'env' | 'saved' | 'hub';

export interface KioskSettings {
  villageCode: VillageCode;
  kioskId: string;
  regency: RegencyConnection | null;
  regencySource: RegencySource | null;
}

/** Seals the sync password for the config file; each shell brings its own. */
export interface SecretCodec {
  readonly scheme: string;
  seal(secret: string): string;
  open(sealed: string): string;
}

/** For the browser kiosk, which has no OS keychain: the file's 0600 mode is the only protection. */
export const plainSecretCodec: SecretCodec = {
  scheme: 'plain',
  seal: (secret) => secret,
  open: (sealed) => sealed,
};

/** A configuration mistake an operator must fix; the kiosk refuses to start with it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** What one source says; every field may be missing. */
export interface PartialSettings {
  villageCode?: VillageCode;
  kioskId?: string;
  regency?: RegencyConnection;
}

/** BALAI_KIOSK_MODE: `1` forces a locked full-screen window, `0` a normal one; unset → undefined. */
export function readKioskMode(env: Env): boolean | undefined {
  const value = env[ENV_NAMES.kioskMode]?.trim();
  if (value === '1') return true;
  if (value === '0') return false;
  return undefined;
}

/** Reads the BALAI_* variables, treating empty ones as unset. Throws ConfigError on bad values. */
export function readEnvSettings(env: Env): PartialSettings {
  const value = (name: string): string | undefined => env[name]?.trim() || undefined;
  const settings: PartialSettings = {};

  const villageCode = value(ENV_NAMES.villageCode);
  if (villageCode !== undefined) {
    settings.villageCode = parseOrThrow(
      villageCodeSchema,
      villageCode,
      ENV_NAMES.villageCode,
    ) as VillageCode;
  }
  const kioskId = value(ENV_NAMES.kioskId);
  if (kioskId !== undefined)
    settings.kioskId = parseOrThrow(kioskIdSchema, kioskId, ENV_NAMES.kioskId);

  const url = value(ENV_NAMES.regencyUrl);
  const username = value(ENV_NAMES.regencyUser);
  const password = env[ENV_NAMES.regencyPassword] || undefined;
  if (url !== undefined || username !== undefined || password !== undefined) {
    // All three or none: mixing an env URL with saved credentials could send one server's
    // password to another.
    if (url === undefined || username === undefined || password === undefined) {
      throw new ConfigError(
        `${ENV_NAMES.regencyUrl}, ${ENV_NAMES.regencyUser} and ${ENV_NAMES.regencyPassword} must be set together.`,
      );
    }
    settings.regency = parseOrThrow(
      regencyConnectionSchema,
      { url, username, password },
      ENV_NAMES.regencyUrl,
    );
  }
  return settings;
}

function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown, name: string): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new ConfigError(
      `${name}: ${result.error.issues.map((issue) => issue.message).join(' ')}`,
    );
  }
  return result.data;
}

/** Combines the sources by precedence: env > saved > hub file > defaults (no regency). */
export function resolveKioskSettings(
  env: PartialSettings,
  saved: PartialSettings,
  hubConnection: (villageCode: VillageCode, kioskId: string) => RegencyConnection | null,
): KioskSettings {
  const villageCode = env.villageCode ?? saved.villageCode ?? (DEFAULT_VILLAGE_CODE as VillageCode);
  const kioskId = env.kioskId ?? saved.kioskId ?? DEFAULT_KIOSK_ID;
  // The connection is taken whole from one source, never field by field.
  if (env.regency) return { villageCode, kioskId, regency: env.regency, regencySource: 'env' };
  if (saved.regency)
    return { villageCode, kioskId, regency: saved.regency, regencySource: 'saved' };
  const hub = hubConnection(villageCode, kioskId);
  if (hub) return { villageCode, kioskId, regency: hub, regencySource: 'hub' };
  return { villageCode, kioskId, regency: null, regencySource: null };
}

/** The file `npm run hub` writes for each demo kiosk. */
export function hubConnectionFile(
  hubDir: string,
  villageCode: VillageCode,
  kioskId: string,
): string {
  return join(hubDir, `kiosk-${villageCode}-${kioskId}.json`);
}

const hubConnectionSchema = regencyConnectionSchema.extend({
  villageCode: villageCodeSchema,
  kioskId: kioskIdSchema,
});

/** The hub's demo connection for this kiosk, or null when the file is absent or not for it. */
export function readHubConnection(
  hubDir: string,
  villageCode: VillageCode,
  kioskId: string,
): RegencyConnection | null {
  const text = readTextIfExists(hubConnectionFile(hubDir, villageCode, kioskId));
  if (text === null) return null;
  const parsed = hubConnectionSchema.safeParse(parseJsonOrUndefined(text));
  if (
    !parsed.success ||
    parsed.data.villageCode !== villageCode ||
    parsed.data.kioskId !== kioskId
  ) {
    return null;
  }
  const { url, username, password } = parsed.data;
  return { url, username, password };
}

// Loose objects keep fields a newer version wrote, so saving does not drop them.
const savedConfigSchema = z.looseObject({
  villageCode: villageCodeSchema.optional(),
  kioskId: kioskIdSchema.optional(),
  regency: z
    .looseObject({
      url: regencyUrlSchema,
      username: z.string().min(1),
      password: z.object({ scheme: z.string(), value: z.string() }),
    })
    .optional(),
});
type SavedConfig = z.infer<typeof savedConfigSchema>;

export interface ConfigStoreOptions {
  dataDir: string;
  env: Env;
  /** Where `npm run hub` writes its demo connection files, unless BALAI_HUB_DATA says otherwise. */
  defaultHubDir: string;
  codec: SecretCodec;
  warn?: (message: string) => void;
}

/**
 * The kiosk's settings, resolved on every call: the hub may rewrite its demo connection file
 * while the kiosk runs. The saved file is read once, since this store is its only writer.
 */
export class ConfigStore {
  readonly file: string;
  private readonly envSettings: PartialSettings;
  private readonly hubDir: string;
  private readonly codec: SecretCodec;
  private readonly warn: (message: string) => void;
  private readonly envLetterKey: LetterKey | null;
  private saved: SavedConfig;
  private savedRegency: RegencyConnection | null;

  constructor(options: ConfigStoreOptions) {
    const warn = options.warn ?? ((message: string) => console.warn(message));
    this.file = join(options.dataDir, CONFIG_FILE_NAME);
    this.codec = options.codec;
    this.warn = warn;
    this.envSettings = readEnvSettings(options.env);
    this.envLetterKey = readEnvLetterKey(options.env);
    this.hubDir = resolve(options.env[ENV_NAMES.hubDir]?.trim() || options.defaultHubDir);
    this.saved = loadSavedConfig(this.file, warn);
    this.savedRegency = this.openSavedRegency(warn);
  }

  settings(): KioskSettings {
    const saved: PartialSettings = {};
    if (this.saved.villageCode) saved.villageCode = this.saved.villageCode as VillageCode;
    if (this.saved.kioskId) saved.kioskId = this.saved.kioskId;
    if (this.savedRegency) saved.regency = this.savedRegency;
    return resolveKioskSettings(this.envSettings, saved, (villageCode, kioskId) =>
      readHubConnection(this.hubDir, villageCode, kioskId),
    );
  }

  /** Whether environment variables name the village or kiosk (the setup wizard then only shows them). */
  kioskFixedByEnv(): boolean {
    return this.envSettings.villageCode !== undefined || this.envSettings.kioskId !== undefined;
  }

  /** The first-run wizard's village and kiosk; environment variables still win over them. */
  saveKiosk(place: { villageCode: VillageCode; kioskId: string }): KioskSettings {
    const next: SavedConfig = { ...this.saved, ...place };
    writePrivateFile(this.file, `${JSON.stringify(next, null, 2)}\n`);
    this.saved = next;
    return this.settings();
  }

  /**
   * The kiosk's letter-signing key (electron/host/letter-key.ts): BALAI_LETTER_KEY, else the one
   * saved with the regency connection, else the hub's connection file's; null when it has none.
   */
  letterKey(): LetterKey | null {
    if (this.envLetterKey) return this.envLetterKey;
    const { villageCode, kioskId } = this.settings();
    const place = { villageCode, kioskId };
    return (
      openSavedLetterKey(this.saved.letterKey, place, this.codec, this.warn) ??
      readHubLetterKey(hubConnectionFile(this.hubDir, villageCode, kioskId), place)
    );
  }

  /**
   * Saves the connection, password sealed, in a file only this user can read; with it the letter
   * key provisioning handed over, sealed the same way (a connection without one keeps the old key).
   */
  saveRegency(connection: RegencySetup): KioskSettings {
    const { villageCode, kioskId } = this.settings();
    const next: SavedConfig = {
      ...this.saved,
      regency: {
        url: connection.url,
        username: connection.username,
        password: { scheme: this.codec.scheme, value: this.codec.seal(connection.password) },
      },
      ...(connection.letterKey
        ? { letterKey: sealLetterKey(connection.letterKey, { villageCode, kioskId }, this.codec) }
        : {}),
    };
    writePrivateFile(this.file, `${JSON.stringify(next, null, 2)}\n`);
    this.saved = next;
    this.savedRegency = {
      url: connection.url,
      username: connection.username,
      password: connection.password,
    };
    return this.settings();
  }

  private openSavedRegency(warn: (message: string) => void): RegencyConnection | null {
    const regency = this.saved.regency;
    if (!regency) return null;
    if (regency.password.scheme !== this.codec.scheme) {
      warn(
        `${this.file}: the sync password was saved by another shell (${regency.password.scheme}); ` +
          'enter the regency connection again.',
      );
      return null;
    }
    try {
      return {
        url: regency.url,
        username: regency.username,
        password: this.codec.open(regency.password.value),
      };
    } catch (error) {
      warn(
        `${this.file}: the sync password cannot be unsealed (${String(error)}); enter it again.`,
      );
      return null;
    }
  }
}

function loadSavedConfig(file: string, warn: (message: string) => void): SavedConfig {
  const text = readTextIfExists(file);
  if (text === null) return {};
  const parsed = savedConfigSchema.safeParse(parseJsonOrUndefined(text));
  if (parsed.success) return parsed.data;
  // A damaged file must not keep the kiosk from serving residents; it runs on the other sources.
  warn(
    `${file} is not a valid Balai config file and is ignored until the connection is saved again.`,
  );
  return {};
}
