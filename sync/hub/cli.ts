// `npm run hub`: runs the embedded regency hub with a demo village ready for a kiosk, and
// `npm run hub -- add-village <code> [--kiosk <id>] [--server <url>]` adds a village to it (or
// to any CouchDB). The regency's commands (rotate-kiosk, add-staff, list-villages, dashboard)
// are described in docs/decisions/0006. Everything the operator needs is printed in plain words.
import { createServer } from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { LetterKey } from '../../shared/ipc';
import {
  dukcapilRole,
  regencyAdminRole,
  formatVillageCode,
  parseVillageCode,
  villageDbName,
  type VillageCode,
} from '../../shared/village';
import {
  connectionFromUrl,
  kioskAccountExists,
  provisionKiosk,
  provisionVillage,
  type AdminConnection,
} from '../provision/provision';
import {
  parseRegencyCode,
  villageNamesOf,
  villagesOfRegency,
  type VillageNames,
} from '../provision/area-names';
import { onboardRegency, villageLine } from './regency-onboarding';
import {
  provisionLetterKey,
  publishedVillageNames,
  publishRegencyLogo,
  publishVillageNames,
  publishVerifyUrl,
  publishedKeyIds,
} from '../provision/letter-key';
import { VERIFY_PATH, verificationRoute } from '../regency/verification-route';
import { DEFAULT_LOGO_FILE, readLogoFile } from '../provision/letterhead-logo';
import {
  listVillages,
  provisionDukcapil,
  provisionRegencyAdmin,
  provisionStaff,
  rotateKioskPassword,
} from '../provision/regency';
import { DASHBOARD_PATH, dashboardRoute } from '../regency/dashboard-route';
import { DUKCAPIL_PATH, dukcapilRoute, isDukcapilRequest } from '../regency/dukcapil-route';
import { ADMIN_PATH, adminRoute, isAdminRequest } from '../regency/admin-route';
import {
  CONFLICT_LOG_DB,
  resolveAllConflicts,
  type ConflictResolution,
} from '../regency/conflict-guard';
import { watchConflicts } from '../regency/conflict-watch';
import { adminAccount, commandConnection, hubSettings } from './cli-settings';
import { readServerUrl, recordServerUrl } from './hub-files';
import { kioskFile, readKioskFile, savedLetterKey, writeKioskFile } from './kiosk-files';
import { startHub } from './server';
import { OFFICE_USAGE, officeCommand } from '../office/office-command';

/** A regency officer account: one name and `--regency <4 digits>`; what it is for is `kind`'s. */
async function addRegencyOfficer(
  args: string[],
  kind: {
    provision: typeof provisionDukcapil;
    describe: (
      officer: { username: string; password: string | null },
      url: string,
      regency: string,
    ) => string;
    label: string;
  },
): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      password: { type: 'string' },
      server: { type: 'string' },
      regency: { type: 'string' },
    },
  });
  if (positionals.length !== 1 || !values.regency) {
    throw new Error(`Give one name and --regency <4 digits>.\n\n${USAGE}`);
  }
  const { connection } = await commandConnection(process.env, values.server);
  const officer = await kind.provision(connection, {
    name: positionals[0]!,
    regency: values.regency,
    ...(values.password !== undefined ? { password: values.password } : {}),
  });
  if (!officer.changed) {
    console.log(`${kind.label} ${officer.username} already exists: nothing changed.`);
    return;
  }
  console.log(
    `${kind.label} ${officer.username} ${officer.created ? 'added' : 'has a new password'} ${kind.describe(officer, connection.url, values.regency)}`,
  );
}

const addDukcapil = (args: string[]) =>
  addRegencyOfficer(args, {
    provision: provisionDukcapil,
    label: 'Dukcapil officer',
    describe: (
      officer,
      url,
      regency,
    ) => `(role ${dukcapilRole(regency)}: reads the regency's villages, writes only Dukcapil decisions).
  User:        ${officer.username}
  Password:    ${officer.password}
  Back office: ${url}${DUKCAPIL_PATH.slice(1)}  (on the hub)`,
  });

/** A regency administrator (decision 0028): the role `admin_kabupaten_<4 digits>`. */
const addRegencyAdmin = (args: string[]) =>
  addRegencyOfficer(args, {
    provision: provisionRegencyAdmin,
    label: 'Regency admin',
    describe: (officer, url, regency) => `(role ${regencyAdminRole(regency)}).
  User:           ${officer.username}
  Password:       ${officer.password}
  Administration: ${url}${ADMIN_PATH.slice(1)}  (on the hub)`,
  });

/** A real village (Jambesari, Giri, Banyuwangi), so the demo's letters carry real names. */
const DEMO_VILLAGE = '3510172001' as VillageCode;
const DEMO_KIOSK = 'k1';

const USAGE = `Usage:
  npm run hub                                   start the hub (demo village ${DEMO_VILLAGE}, kiosk ${DEMO_KIOSK})
  npm run hub -- add-village <code> [--kiosk <id>] [--logo <png|jpeg|svg file>] [--server <url-with-admin-credentials>]
                [--provinsi <name> (--kabupaten | --kota) <name> --kecamatan <name> --desa <name>]
  npm run hub -- rotate-kiosk <code> <kiosk-id> [--password <new>] [--server <url>]
  npm run hub -- rotate-letter-key <code> <kiosk-id> [--server <url>]
  npm run hub -- add-regency <regency code, e.g. 51.06> [--kiosks N] [--out <dir>] [--server <url>]
  npm run hub -- add-staff <name> [--password <password>] [--server <url>]
  npm run hub -- add-dukcapil <name> --regency <4 digits> [--password <password>] [--server <url>]
  npm run hub -- add-regency-admin <name> --regency <4 digits> [--password <password>] [--server <url>]
  npm run hub -- list-villages [--server <url>]
  npm run hub -- dashboard --server <url-with-credentials> [--port N] [--village <code>]…
  npm run hub -- dukcapil --server <url-with-admin-credentials> [--port N]
  npm run hub -- admin-pages --server <url-with-admin-credentials> [--port N] [--public-url <url>]
  npm run hub -- verification-page --server <url-with-admin-credentials> [--port N] [--village <code>]…
  npm run hub -- resolve-conflicts [--server <url-with-admin-credentials>] [--village <code>]…
${OFFICE_USAGE}
  npm run hub -- resolve-conflicts --follow [--server <url-with-admin-credentials>]

Without --server, a command works on the hub last run from the data folder, as its admin.
add-village takes the village's names from its Kemendagri code (idn-area-data); give all four
names only for a code the dataset does not know. Run again, it changes no password and no key:
rotate-kiosk and rotate-letter-key do that. A letter's QR opens the public verification page:
on the hub ${VERIFY_PATH}, elsewhere the URL given with add-village --verify-url <url>.

Environment: BALAI_HUB_DATA (default .data/hub), BALAI_HUB_PORT (default 5984),
BALAI_HUB_HOST (default 127.0.0.1), BALAI_HUB_ADMIN and BALAI_HUB_PASSWORD.`;

async function serve(): Promise<void> {
  const settings = hubSettings(process.env);
  const admin = await adminAccount(process.env, settings.dataDir, true);
  const hub = await startHub({
    ...settings,
    admin,
    log: (line) => console.error(`[hub] ${line}`),
    watchConflicts: true,
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`\n${signal}: stopping the hub…`);
    hub.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`The hub did not close cleanly: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  await recordServerUrl(settings.dataDir, hub.url);
  const connection = { url: hub.url, username: admin.username, password: admin.password };
  await provisionVillage(connection, { villageCode: DEMO_VILLAGE });
  await publishVillageNames(connection, {
    villageCode: DEMO_VILLAGE,
    names: await namesFor(connection, DEMO_VILLAGE, {}),
  });
  await publishVerifyUrl(connection, {
    villageCode: DEMO_VILLAGE,
    verifyUrl: hubVerifyUrl(hub.url),
  });
  const path = kioskFile(settings.dataDir, DEMO_VILLAGE, DEMO_KIOSK);
  const saved = await readKioskFile(path);
  // Keep the demo kiosk's password across restarts, so a kiosk set up once keeps working.
  const kiosk = await provisionKiosk(connection, {
    villageCode: DEMO_VILLAGE,
    kioskId: DEMO_KIOSK,
    ...(typeof saved?.password === 'string' ? { password: saved.password } : {}),
  });
  await publishRegencyLogo(connection, {
    villageCode: DEMO_VILLAGE,
    logo: await readLogoFile(DEFAULT_LOGO_FILE),
    onlyIfMissing: true,
  });
  // Keep the demo kiosk's letter key too while it is still the one published.
  const keep = savedLetterKey(saved);
  const letterKey = await provisionLetterKey(connection, {
    villageCode: DEMO_VILLAGE,
    kioskId: DEMO_KIOSK,
    ...(keep ? { keep } : {}),
  });
  await writeKioskFile(path, hub.url, DEMO_VILLAGE, DEMO_KIOSK, kiosk, letterKey);

  console.log(`
The Balai regency hub is running at ${hub.url}
  Data folder:  ${settings.dataDir}
  Admin login:  ${admin.username} / ${admin.password}   (from ${admin.source})
  Admin pages:  ${hub.url}_utils/
  Letter check: ${hubVerifyUrl(hub.url)}   (public: what a letter's QR opens)

Demo village ${formatVillageCode(DEMO_VILLAGE)} (database ${villageDbName(DEMO_VILLAGE)}) has kiosk "${DEMO_KIOSK}".
Start a kiosk connected to this hub with:

  ${kioskCommand(hub.url, DEMO_VILLAGE, DEMO_KIOSK, kiosk, letterKey)}

(A kiosk started on this machine also finds the connection by itself in ${path}.)
Add a village:  npm run hub -- add-village <10-digit code> --kiosk <id>
Stop the hub:   Ctrl+C`);
}

/** The hub's own verification page. */
const hubVerifyUrl = (hubUrl: string) => new URL(VERIFY_PATH.slice(1), hubUrl).href;

const NAME_FLAGS = {
  provinsi: { type: 'string' },
  kabupaten: { type: 'string' },
  kota: { type: 'string' },
  kecamatan: { type: 'string' },
  desa: { type: 'string' },
} as const;

type NameFlags = Partial<Record<keyof typeof NAME_FLAGS, string>>;

/**
 * The names to publish for a village: every one given on the command line; else the dataset's
 * for its code; else those already on its profile (a village added earlier by name). Otherwise
 * the code is refused, before anything about the village is written.
 */
async function namesFor(
  connection: AdminConnection,
  code: VillageCode,
  flags: NameFlags,
): Promise<VillageNames> {
  const regency = flags.kabupaten ?? flags.kota;
  const given = [flags.provinsi, regency, flags.kecamatan, flags.desa].map((n) => n?.trim());
  if (flags.kabupaten !== undefined && flags.kota !== undefined) {
    throw new Error('Berikan --kabupaten atau --kota, tidak keduanya.');
  }
  if (given.every((n) => n)) {
    return {
      provinceName: given[0]!,
      regencyKind: flags.kota !== undefined ? 'Kota' : 'Kabupaten',
      regencyName: given[1]!,
      districtName: given[2]!,
      villageName: given[3]!,
    };
  }
  if (given.some((n) => n)) {
    throw new Error(
      'Nama wilayah diberikan sebagian: berikan keempatnya (--provinsi, --kabupaten atau --kota, --kecamatan, --desa), atau tidak sama sekali agar diambil dari kode desa.',
    );
  }
  const fromCode = await villageNamesOf(code);
  if (fromCode) return fromCode;
  const published = await publishedVillageNames(connection, code).catch(() => null);
  if (published) return published;
  throw new Error(
    `Kode desa ${formatVillageCode(code)} tidak ada dalam data wilayah Kemendagri (idn-area-data). Periksa kodenya; untuk desa yang belum ada di data itu, berikan semua namanya: --provinsi <nama> --kabupaten <nama> (atau --kota <nama>) --kecamatan <nama> --desa <nama>.`,
  );
}

async function addVillage(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      kiosk: { type: 'string' },
      server: { type: 'string' },
      logo: { type: 'string' },
      'verify-url': { type: 'string' },
      ...NAME_FLAGS,
    },
  });
  const code = positionals.length === 1 ? parseVillageCode(positionals[0]!) : null;
  if (!code) throw new Error(`Give one 10-digit village code.\n\n${USAGE}`);
  // Read before anything is written, so a wrong logo file changes nothing.
  const logo = await readLogoFile(values.logo ?? DEFAULT_LOGO_FILE);
  const settings = hubSettings(process.env);
  let connection: AdminConnection;
  if (values.server) {
    connection = connectionFromUrl(values.server);
  } else {
    const admin = await adminAccount(process.env, settings.dataDir, false);
    const url = await readServerUrl(settings.dataDir);
    if (!url)
      throw new Error(`No hub has run from ${settings.dataDir}: start it with npm run hub.`);
    connection = { url, username: admin.username, password: admin.password };
  }
  const hint = values.server ? '' : ' Is the hub running (npm run hub)?';
  const reached = (error: Error) => {
    throw new Error(`${error.message}${hint}`, { cause: error });
  };
  // Also before anything is written: a code nobody can name is refused whole.
  const names = await namesFor(connection, code, values).catch(reached);

  const village = await provisionVillage(connection, { villageCode: code }).catch(reached);
  console.log(
    `Village ${formatVillageCode(code)}: database ${village.db} ${village.changed ? 'is ready' : 'was already ready'} on ${connection.url}`,
  );
  const named = await publishVillageNames(connection, { villageCode: code, names });
  console.log(
    `Desa ${names.villageName}, Kecamatan ${names.districtName}, ${names.regencyKind} ${names.regencyName}, Provinsi ${names.provinceName} ${named.changed ? 'is now' : 'was already'} on the village profile.`,
  );
  // The hub serves the page itself; beside another CouchDB, the regency says where it deployed it.
  const verifyUrl =
    values['verify-url'] ?? (values.server ? undefined : hubVerifyUrl(connection.url));
  if (verifyUrl !== undefined) {
    if (verifyUrl && !/^https?:\/\//.test(verifyUrl))
      throw new Error('--verify-url: an http(s) URL.');
    const set = await publishVerifyUrl(connection, { villageCode: code, verifyUrl });
    console.log(
      `Letters' QR opens ${verifyUrl || '(no page: the bare payload)'}${set.changed ? '' : ' (as before)'}.`,
    );
  }
  const logoSet = await publishRegencyLogo(connection, {
    villageCode: code,
    logo,
    onlyIfMissing: !values.logo,
  });
  if (values.logo) {
    console.log(
      `The letterhead logo ${values.logo} ${logoSet.changed ? 'is now' : 'was already'} on the village profile.`,
    );
  } else if (logoSet.changed) {
    console.log(
      'The letterhead has the placeholder crest until you give the regency logo: --logo <file>.',
    );
  }
  if (!values.kiosk) {
    console.log('Add a kiosk to it with --kiosk <id>.');
    return;
  }
  await addKiosk(connection, code, values.kiosk, values.server ? null : settings.dataDir);
}

/**
 * The kiosk's account and letter key, created once. Run again, it keeps both: the password the
 * connection file holds (set again only if the account lost it), the key the profile publishes.
 * Without the file (`--server`), an existing account and key are left alone and said so.
 */
async function addKiosk(
  connection: AdminConnection,
  code: VillageCode,
  kioskId: string,
  dataDir: string | null,
): Promise<void> {
  const path = dataDir ? kioskFile(dataDir, code, kioskId) : null;
  const saved = path ? await readKioskFile(path) : undefined;
  const savedPassword = typeof saved?.password === 'string' ? saved.password : undefined;
  const exists = await kioskAccountExists(connection, { villageCode: code, kioskId });
  if (exists && savedPassword === undefined) {
    const keys = await publishedKeyIds(connection, code, kioskId);
    console.log(`
Kiosk "${kioskId}" of this village already exists: its password and letter key (${keys.join(', ') || 'none'}) are unchanged.
To give it a new password: npm run hub -- rotate-kiosk ${code} ${kioskId}
To give it a new letter key: npm run hub -- rotate-letter-key ${code} ${kioskId}`);
    if (keys.length === 0) {
      console.log('It has no letter key yet: rotate-letter-key gives it its first one.');
    }
    return;
  }
  const kiosk = await provisionKiosk(connection, {
    villageCode: code,
    kioskId,
    ...(savedPassword !== undefined ? { password: savedPassword } : {}),
  });
  const keep = savedLetterKey(saved);
  const letterKey = await provisionLetterKey(connection, {
    villageCode: code,
    kioskId,
    ...(keep ? { keep } : {}),
  });
  const said = (changed: boolean, fresh: string) =>
    changed ? fresh : 'unchanged: this command never rotates it';
  console.log(`
Kiosk "${kioskId}" of this village can ${exists ? 'still' : 'now'} sync:
  User:      ${kiosk.username}
  Password:  ${kiosk.password}   (${said(kiosk.changed, 'new')})
  Letter key: ${letterKey.keyId}   (${said(letterKey.changed, 'new; its public half is published in the village profile')})

Start it with:

  ${kioskCommand(connection.url, code, kioskId, kiosk, letterKey)}`);
  if (path) {
    await writeKioskFile(path, connection.url, code, kioskId, kiosk, letterKey);
    console.log(`\n(The connection is also saved in ${path}.)`);
  }
}

function kioskCommand(
  url: string,
  code: VillageCode,
  kioskId: string,
  login: { username: string; password: string },
  letterKey?: LetterKey,
): string {
  const village =
    code === DEMO_VILLAGE && kioskId === DEMO_KIOSK
      ? ''
      : `BALAI_VILLAGE_CODE=${code} BALAI_KIOSK_ID=${kioskId} `;
  const key = letterKey ? `BALAI_LETTER_KEY=${letterKey.keyId}:${letterKey.privateKey} ` : '';
  return `${village}BALAI_REGENCY_URL=${url} BALAI_REGENCY_USER=${login.username} BALAI_REGENCY_PASSWORD=${login.password} ${key}npm start`;
}

async function rotateKiosk(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { password: { type: 'string' }, server: { type: 'string' } },
  });
  const code = positionals.length === 2 ? parseVillageCode(positionals[0]!) : null;
  if (!code) throw new Error(`Give a 10-digit village code and a kiosk id.\n\n${USAGE}`);
  const kioskId = positionals[1]!;
  const { connection, dataDir } = await commandConnection(process.env, values.server);
  const kiosk = await rotateKioskPassword(connection, {
    villageCode: code,
    kioskId,
    ...(values.password !== undefined ? { password: values.password } : {}),
  });
  if (!kiosk.changed) {
    console.log(
      `Kiosk "${kioskId}" of ${formatVillageCode(code)} already has this password: nothing changed.`,
    );
  } else {
    console.log(`Kiosk "${kioskId}" of ${formatVillageCode(code)} has a new password; the old one no longer works.
  User:      ${kiosk.username}
  Password:  ${kiosk.password}

Give the kiosk the new password:

  ${kioskCommand(connection.url, code, kioskId, kiosk)}`);
  }
  if (dataDir) {
    const path = kioskFile(dataDir, code, kioskId);
    const saved = await readKioskFile(path);
    if (saved && saved.password !== kiosk.password) {
      await writeKioskFile(path, connection.url, code, kioskId, kiosk, savedLetterKey(saved));
      console.log(`(Updated the connection in ${path}.)`);
    }
  }
}

async function rotateLetterKey(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { server: { type: 'string' } },
  });
  const code = positionals.length === 2 ? parseVillageCode(positionals[0]!) : null;
  if (!code) throw new Error(`Give a 10-digit village code and a kiosk id.\n\n${USAGE}`);
  const kioskId = positionals[1]!;
  const { connection, dataDir } = await commandConnection(process.env, values.server);
  const letterKey = await provisionLetterKey(connection, { villageCode: code, kioskId });
  console.log(`Kiosk "${kioskId}" of ${formatVillageCode(code)} has a new letter key ${letterKey.keyId}; its public half is published in the village profile, beside the older keys (letters signed with them still verify).
Give the kiosk its new key (kiosk setup, or the environment):

  BALAI_LETTER_KEY=${letterKey.keyId}:${letterKey.privateKey}`);
  if (dataDir) {
    const path = kioskFile(dataDir, code, kioskId);
    const saved = await readKioskFile(path);
    if (saved?.url && saved.username && saved.password) {
      await writeKioskFile(
        path,
        saved.url,
        code,
        kioskId,
        { username: saved.username, password: saved.password },
        letterKey,
      );
      console.log(`(Updated the key in ${path}.)`);
    }
  }
}

/** Every village of a regency, named from its code, with its kiosks (docs/decisions/0023). */
async function addRegency(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      kiosks: { type: 'string' },
      out: { type: 'string' },
      server: { type: 'string' },
      logo: { type: 'string' },
      'verify-url': { type: 'string' },
    },
  });
  const regency = positionals.length === 1 ? parseRegencyCode(positionals[0]!) : null;
  if (!regency) throw new Error(`Give one regency code, e.g. 51.06.\n\n${USAGE}`);
  const kiosks = Number(values.kiosks ?? 1);
  if (!Number.isInteger(kiosks) || kiosks < 1 || kiosks > 9) throw new Error('--kiosks: 1-9.');
  const verifyUrl = values['verify-url'];
  if (verifyUrl !== undefined && !/^https?:\/\//.test(verifyUrl))
    throw new Error('--verify-url: an http(s) URL.');
  const villages = await villagesOfRegency(regency);
  if (villages.length === 0)
    throw new Error(`Kode kabupaten/kota ${regency} tidak ada dalam data wilayah Kemendagri.`);
  const logo = await readLogoFile(values.logo ?? DEFAULT_LOGO_FILE);
  const { connection, dataDir } = await commandConnection(process.env, values.server);
  const outDir =
    values.out ?? join(dataDir ?? hubSettings(process.env).dataDir, `regency-${regency}`);
  const started = Date.now();
  const { names } = villages[0]!;
  console.log(
    `${names.regencyKind} ${names.regencyName}, ${names.provinceName}: ${villages.length} villages, ${kiosks} kiosk(s) each, on ${connection.url}`,
  );
  const reports = await onboardRegency(connection, {
    villages,
    kiosks,
    outDir,
    logo,
    ...(verifyUrl !== undefined
      ? { verifyUrl }
      : dataDir
        ? { verifyUrl: hubVerifyUrl(connection.url) }
        : {}),
    onVillage: (report) => console.log(villageLine(report)),
  });
  const changed = reports.filter((r) => r.changed).length;
  console.log(`
${reports.length} villages in ${((Date.now() - started) / 1000).toFixed(1)} s: ${changed} brought on line or completed, ${reports.length - changed} unchanged.
Each kiosk's connection (address, account, letter key) is in ${outDir}/kiosk-<code>-<kiosk>.json (0600).
Hand each office only its own file; run again at any time: nothing is rotated.`);
}

async function addStaff(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { password: { type: 'string' }, server: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new Error(`Give one staff name.\n\n${USAGE}`);
  const { connection } = await commandConnection(process.env, values.server);
  const staff = await provisionStaff(connection, {
    name: positionals[0]!,
    ...(values.password !== undefined ? { password: values.password } : {}),
  });
  if (!staff.changed) {
    console.log(`Staff ${staff.username} already exists with role kabupaten: nothing changed.`);
    return;
  }
  console.log(`Staff ${staff.username} ${staff.created ? 'added' : 'has a new password'} (role kabupaten: reads every village, writes only regency documents).
  User:      ${staff.username}
  Password:  ${staff.password}
  Dashboard: ${connection.url}${DASHBOARD_PATH.slice(1)}  (on the hub)`);
}

async function listVillagesCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { server: { type: 'string' } } });
  const { connection } = await commandConnection(process.env, values.server);
  const villages = await listVillages(connection);
  if (villages.length === 0) {
    console.log(`No village databases on ${connection.url}.`);
    return;
  }
  console.log(`${villages.length} village(s) on ${connection.url}:`);
  for (const v of villages) {
    const kiosks = v.kiosks.length ? v.kiosks.join(', ') : '(no kiosk)';
    console.log(
      `  ${formatVillageCode(v.code)}  ${v.db}  ${v.docCount} documents  kiosks: ${kiosks}`,
    );
  }
}

/** The regency's conflict guard (decision 0022): run it after a cluster node lagged, or on a timer. */
async function resolveConflictsCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      server: { type: 'string' },
      village: { type: 'string', multiple: true },
      follow: { type: 'boolean' },
    },
  });
  const { connection } = await commandConnection(process.env, values.server);
  const villages = (values.village ?? []).map((v) => {
    const code = parseVillageCode(v);
    if (!code) throw new Error(`--village ${v}: not a 10-digit village code.`);
    return code;
  });
  const print = (resolved: ConflictResolution[]) => {
    for (const r of resolved) {
      console.log(
        `  ${formatVillageCode(r.villageCode as VillageCode)}  ${r.docId}: kept ${r.keptRev}, removed ${r.removedRev} written by ${r.removedAuthor} (${r.rule})`,
      );
    }
  };
  if (values.follow) {
    if (villages.length > 0)
      throw new Error('--follow watches every village; leave out --village.');
    watchConflicts(() => connection, { onResolved: print, log: (line) => console.error(line) });
    console.log('Following every village database for conflicts (Ctrl+C stops).');
    return new Promise<void>(() => undefined); // until the process is stopped
  }
  const resolved = await resolveAllConflicts(connection, villages);
  print(resolved);
  console.log(
    `${resolved.length} forbidden revision(s) removed; each is logged in ${CONFLICT_LOG_DB}.`,
  );
}

async function dashboardCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      server: { type: 'string' },
      port: { type: 'string' },
      village: { type: 'string', multiple: true },
    },
  });
  if (!values.server)
    throw new Error(`dashboard needs --server <url-with-credentials>.\n\n${USAGE}`);
  const login = connectionFromUrl(values.server);
  const port = Number(values.port ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port: 0-65535.');
  const villages = (values.village ?? []).map((v) => {
    const code = parseVillageCode(v);
    if (!code) throw new Error(`--village ${v}: not a 10-digit village code.`);
    return code;
  });
  const route = dashboardRoute({
    serverUrl: () => login.url,
    dataLogin: login,
    requireLogin: false,
    ...(villages.length ? { villages } : {}),
  });
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/' || path === DASHBOARD_PATH) return route(req, res);
    res.statusCode = 404;
    res.end('Tidak ada.\n');
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => done());
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  console.log(`The regency dashboard for ${login.url} (as ${login.username}) is at http://127.0.0.1:${actual}/
(loopback only; ?days=N marks villages not seen for N days, default 3). Stop with Ctrl+C.`);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** The Dukcapil back office against any CouchDB: officers log in; the list is read as the admin. */
async function dukcapilCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { server: { type: 'string' }, port: { type: 'string' } },
  });
  if (!values.server) {
    throw new Error(`dukcapil needs --server <url-with-admin-credentials>.\n\n${USAGE}`);
  }
  const admin = connectionFromUrl(values.server);
  const port = Number(values.port ?? 8081);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port: 0-65535.');
  const route = dukcapilRoute({ serverUrl: () => admin.url, adminLogin: admin });
  const server = createServer((req, res) => {
    if (isDukcapilRequest(req)) return route(req, res);
    res.statusCode = 302;
    res.setHeader('Location', DUKCAPIL_PATH);
    res.end();
  });
  const actual = await new Promise<number>((resolve) =>
    server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
  console.log(
    `The Dukcapil back office for ${admin.url} is at http://127.0.0.1:${actual}${DUKCAPIL_PATH} (Dukcapil officers log in).`,
  );
}

/** The administration pages against any CouchDB: regency admins log in; writes go as the admin. */
async function adminPagesCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      server: { type: 'string' },
      port: { type: 'string' },
      'public-url': { type: 'string' },
    },
  });
  if (!values.server) {
    throw new Error(`admin-pages needs --server <url-with-admin-credentials>.\n\n${USAGE}`);
  }
  const admin = connectionFromUrl(values.server);
  const port = Number(values.port ?? 8082);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port: 0-65535.');
  const publicUrl = values['public-url'];
  const route = adminRoute({
    serverUrl: () => admin.url,
    adminLogin: admin,
    ...(publicUrl ? { publicUrl: () => publicUrl } : {}),
  });
  const server = createServer((req, res) => {
    if (isAdminRequest(req)) return route(req, res);
    res.statusCode = 302;
    res.setHeader('Location', ADMIN_PATH);
    res.end();
  });
  const actual = await new Promise<number>((resolve) =>
    server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
  console.log(
    `The administration pages for ${admin.url} are at http://127.0.0.1:${actual}${ADMIN_PATH} (regency admins log in).`,
  );
}

async function verificationPageCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      server: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      village: { type: 'string', multiple: true },
    },
  });
  if (!values.server)
    throw new Error(`verification-page needs --server <url-with-admin-credentials>.\n\n${USAGE}`);
  const login = connectionFromUrl(values.server);
  const port = Number(values.port ?? 8081);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port: 0-65535.');
  const villages = (values.village ?? []).map((v) => {
    const code = parseVillageCode(v);
    if (!code) throw new Error(`--village ${v}: not a 10-digit village code.`);
    return code;
  });
  const route = verificationRoute({
    login: () => login,
    ...(villages.length ? { villages } : {}),
  });
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/') {
      res.statusCode = 302;
      res.setHeader('Location', VERIFY_PATH);
      return res.end();
    }
    route(req, res);
  });
  const host = values.host ?? '127.0.0.1';
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => done());
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  console.log(`The public letter verification page for ${login.url} is at http://${host}:${actual}${VERIFY_PATH}
Put it behind the regency's public address, and give that address to add-village --verify-url.
(It answers with the page, its script and the villages' public keys and names: no login, no NIK.) Stop with Ctrl+C.`);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  if (command === undefined) return serve();
  if (command === 'add-village') return addVillage(rest);
  if (command === 'rotate-kiosk') return rotateKiosk(rest);
  if (command === 'rotate-letter-key') return rotateLetterKey(rest);
  if (command === 'add-staff') return addStaff(rest);
  if (command === 'add-regency') return addRegency(rest);
  if (command === 'add-dukcapil') return addDukcapil(rest);
  if (command === 'list-villages') return listVillagesCommand(rest);
  if (command === 'dashboard') return dashboardCommand(rest);
  if (command === 'dukcapil') return dukcapilCommand(rest);
  if (command === 'add-regency-admin') return addRegencyAdmin(rest);
  if (command === 'admin-pages') return adminPagesCommand(rest);
  if (command === 'verification-page') return verificationPageCommand(rest);
  if (command === 'resolve-conflicts') return resolveConflictsCommand(rest);
  if (command === 'office') return officeCommand(rest);
  if (command === 'help' || command === '--help' || command === '-h') return console.log(USAGE);
  throw new Error(`Unknown command "${command}".\n\n${USAGE}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
