// `npm run hub -- office …`: the office hub on this PC (decision 0025). It prints where kiosks
// find it, its certificate's fingerprint, and a pairing code; Enter opens a new code.
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatVillageCode, parseVillageCode } from '../../shared/village';
import { startOfficeHub } from './office-hub';

export const OFFICE_USAGE = `  npm run hub -- office --village <code> --regency <url> --user <kiosk account> --password <password>
                [--host <office address>] [--port N] [--data <dir>]   the office hub for one village`;

export async function officeCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      village: { type: 'string' },
      regency: { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      data: { type: 'string' },
    },
  });
  const code = parseVillageCode(values.village ?? '');
  if (!code) throw new Error(`office needs --village <10-digit code>.\n\n${OFFICE_USAGE}`);
  if (!values.regency || !values.user || !values.password) {
    throw new Error(
      `office needs the regency's URL and the office hub's account there (add-village <code> --kiosk kantor prints one).\n\n${OFFICE_USAGE}`,
    );
  }
  const port = Number(values.port ?? 6984);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port: 0-65535.');
  const hub = await startOfficeHub({
    villageCode: code,
    dataDir: resolve(values.data ?? '.data/office'),
    host: values.host ?? '127.0.0.1',
    port,
    regency: { url: values.regency, username: values.user, password: values.password },
    log: (line) => console.error(`[kantor] ${line}`),
  });
  const showCode = () => {
    const open = hub.pairing.open();
    console.log(
      `Kode pemasangan: ${open.code}  (berlaku sampai ${open.expiresAt.toLocaleTimeString('id-ID')}, sekali pakai; Enter: kode baru)`,
    );
  };
  console.log(`Hub kantor desa ${formatVillageCode(code)} berjalan di ${hub.url}
  Sidik jari sertifikat: ${hub.fingerprint}
  Sinkron ke kabupaten:  ${values.regency} (bila tersambung)`);
  showCode();
  createInterface({ input: process.stdin }).on('line', showCode);
  const stop = () => hub.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
