// `npm run hub -- <args>` run as the regency operator runs it, on a server the test started: the
// hub's data folder is `hubDir`, its admin the server's.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Login } from './couch-server';

const run = promisify(execFile);

export async function hubCommand(
  admin: Login,
  hubDir: string,
  ...args: string[]
): Promise<{ stdout: string; stderr: string }> {
  return run('npx', ['tsx', 'sync/hub/cli.ts', ...args], {
    env: {
      ...process.env,
      BALAI_HUB_DATA: hubDir,
      BALAI_HUB_ADMIN: admin.username,
      BALAI_HUB_PASSWORD: admin.password,
    },
  });
}
