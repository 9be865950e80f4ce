// `npm run hub`: runs the embedded regency hub with a demo village ready for a kiosk, and
// `npm run hub -- add-village <code> [--kiosk <id>] [--server <url>]` adds a village to it (or
// to any CouchDB). Everything the operator needs to connect a kiosk is printed in plain words.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  formatVillageCode,
  parseVillageCode,
  villageDbName,
  type VillageCode,
} from '../../shared/village';
import {
  connectionFromUrl,
  provisionKiosk,
  provisionVillage,
  type AdminConnection,
} from '../provision/provision';
import { adminAccount, hubSettings } from './cli-settings';
import { readJsonFile, readServerUrl, recordServerUrl, writePrivateJson } from './hub-files';
import { startHub } from './server';

/** A fictional village (province 35, regency 10, district 99) for demos and development. */
const DEMO_VILLAGE = '3510992001' as VillageCode;
const DEMO_KIOSK = 'k1';

const USAGE = `Usage:
  npm run hub                                   start the hub (demo village ${DEMO_VILLAGE}, kiosk ${DEMO_KIOSK})
  npm run hub -- add-village <code> [--kiosk <id>] [--server <url-with-admin-credentials>]

Environment: BALAI_HUB_DATA (default .data/hub), BALAI_HUB_PORT (default 5984),
BALAI_HUB_HOST (default 127.0.0.1), BALAI_HUB_ADMIN and BALAI_HUB_PASSWORD.`;

interface KioskConnection {
  url: string;
  villageCode: VillageCode;
  kioskId: string;
  username: string;
  password: string;
}

/** The file the kiosk host reads to find this hub by itself (docs/decisions/0002). */
const kioskFile = (dataDir: string, code: VillageCode, kioskId: string) =>
  join(dataDir, `kiosk-${code}-${kioskId}.json`);

async function serve(): Promise<void> {
  const settings = hubSettings(process.env);
  const admin = await adminAccount(process.env, settings.dataDir, true);
  const hub = await startHub({
    ...settings,
    admin,
    log: (line) => console.error(`[hub] ${line}`),
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
  const path = kioskFile(settings.dataDir, DEMO_VILLAGE, DEMO_KIOSK);
  const saved = (await readJsonFile(path)) as Partial<KioskConnection> | undefined;
  // Keep the demo kiosk's password across restarts, so a kiosk set up once keeps working.
  const kiosk = await provisionKiosk(connection, {
    villageCode: DEMO_VILLAGE,
    kioskId: DEMO_KIOSK,
    ...(typeof saved?.password === 'string' ? { password: saved.password } : {}),
  });
  await writeKioskFile(path, hub.url, DEMO_VILLAGE, DEMO_KIOSK, kiosk);

  console.log(`
The Balai regency hub is running at ${hub.url}
  Data folder:  ${settings.dataDir}
  Admin login:  ${admin.username} / ${admin.password}   (from ${admin.source})
  Admin pages:  ${hub.url}_utils/

Demo village ${formatVillageCode(DEMO_VILLAGE)} (database ${villageDbName(DEMO_VILLAGE)}) has kiosk "${DEMO_KIOSK}".
Start a kiosk connected to this hub with:

  ${kioskCommand(hub.url, DEMO_VILLAGE, DEMO_KIOSK, kiosk)}

(A kiosk started on this machine also finds the connection by itself in ${path}.)
Add a village:  npm run hub -- add-village <10-digit code> --kiosk <id>
Stop the hub:   Ctrl+C`);
}

async function addVillage(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { kiosk: { type: 'string' }, server: { type: 'string' } },
  });
  const code = positionals.length === 1 ? parseVillageCode(positionals[0]!) : null;
  if (!code) throw new Error(`Give one 10-digit village code.\n\n${USAGE}`);
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

  const village = await provisionVillage(connection, { villageCode: code }).catch(
    (error: Error) => {
      const hint = values.server ? '' : ' Is the hub running (npm run hub)?';
      throw new Error(`${error.message}${hint}`, { cause: error });
    },
  );
  console.log(
    `Village ${formatVillageCode(code)}: database ${village.db} ${village.changed ? 'is ready' : 'was already ready'} on ${connection.url}`,
  );
  if (!values.kiosk) {
    console.log('Add a kiosk to it with --kiosk <id>.');
    return;
  }
  const kiosk = await provisionKiosk(connection, { villageCode: code, kioskId: values.kiosk });
  console.log(`
Kiosk "${values.kiosk}" of this village can now sync:
  User:      ${kiosk.username}
  Password:  ${kiosk.password}   (new; any earlier password of this kiosk no longer works)

Start it with:

  ${kioskCommand(connection.url, code, values.kiosk, kiosk)}`);
  if (!values.server) {
    const path = kioskFile(settings.dataDir, code, values.kiosk);
    await writeKioskFile(path, connection.url, code, values.kiosk, kiosk);
    console.log(`\n(The connection is also saved in ${path}.)`);
  }
}

function kioskCommand(
  url: string,
  code: VillageCode,
  kioskId: string,
  login: { username: string; password: string },
): string {
  const village =
    code === DEMO_VILLAGE && kioskId === DEMO_KIOSK
      ? ''
      : `BALAI_VILLAGE_CODE=${code} BALAI_KIOSK_ID=${kioskId} `;
  return `${village}BALAI_REGENCY_URL=${url} BALAI_REGENCY_USER=${login.username} BALAI_REGENCY_PASSWORD=${login.password} npm start`;
}

async function writeKioskFile(
  path: string,
  url: string,
  villageCode: VillageCode,
  kioskId: string,
  login: { username: string; password: string },
): Promise<void> {
  const { username, password } = login;
  const connection: KioskConnection = { url, villageCode, kioskId, username, password };
  await writePrivateJson(path, connection);
}

async function main(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  if (command === undefined) return serve();
  if (command === 'add-village') return addVillage(rest);
  if (command === 'help' || command === '--help' || command === '-h') return console.log(USAGE);
  throw new Error(`Unknown command "${command}".\n\n${USAGE}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
