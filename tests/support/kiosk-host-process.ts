// The browser kiosk's host as a process of its own, so a test can SIGKILL it like the browser:
// `node --import tsx tests/support/kiosk-host-process.ts` with BALAI_* in the environment and
// KIOSK_PORT, KIOSK_DATA_DIR, KIOSK_RENDERER_DIR; it prints `ready <url>` once it listens, and
// answers each `launch` line on its stdin with `launch <one-time launch URL>`, as `npm start` hands
// one to the window it opens. `startKioskHostProcess` runs it and waits for the first line.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startBrowserKiosk } from '../../electron/host/browser-kiosk';

export interface KioskHostProcess {
  url: string;
  /** A new one-time launch URL from the host (see electron/host/launch-door.ts). */
  launchUrl(): Promise<string>;
  /** SIGKILL, then resolves once the process is gone. */
  kill(): Promise<void>;
}

export async function startKioskHostProcess(options: {
  port: number;
  dataDir: string;
  rendererDir: string;
  env: Record<string, string>;
}): Promise<KioskHostProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url)],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: {
        ...process.env,
        ...options.env,
        KIOSK_PORT: String(options.port),
        KIOSK_DATA_DIR: options.dataDir,
        KIOSK_RENDERER_DIR: options.rendererDir,
      },
    },
  );
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const lines = createInterface({ input: child.stdout! });
  const launches: ((url: string) => void)[] = [];
  const url = await new Promise<string>((done, fail) => {
    const seen: string[] = [];
    lines.on('line', (line) => {
      seen.push(line);
      const [word, value] = line.split(' ');
      if (word === 'ready') done(value!);
      if (word === 'launch') launches.shift()?.(value!);
    });
    child.once('exit', (code) =>
      fail(new Error(`Kiosk host exited (${code}): ${seen.join('\n')}`)),
    );
  });
  return {
    url,
    launchUrl: () =>
      new Promise((done) => {
        launches.push(done);
        child.stdin!.write('launch\n');
      }),
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

// Run as a script: start the host and say where.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const kiosk = await startBrowserKiosk({
    port: Number(process.env.KIOSK_PORT),
    dataDir: process.env.KIOSK_DATA_DIR!,
    rendererDir: process.env.KIOSK_RENDERER_DIR!,
  });
  console.log(`ready ${kiosk.url}`);
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'launch') console.log(`launch ${kiosk.launchUrl()}`);
  }
}
