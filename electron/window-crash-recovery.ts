// A kiosk nobody can restart by hand: when the renderer dies (a crash, out of memory, killed),
// the window loads the app again by itself. Work is saved as it is entered (IndexedDB), so a
// reload loses only the form on screen. A renderer that keeps dying would reload forever and
// flicker; after a few crashes in a short time it stops and says so, in words staff can act on.
import type { BrowserWindow, Dialog, RenderProcessGoneDetails } from 'electron';

export interface CrashPolicy {
  /** This many crashes within `withinMs` is a crash loop… */
  maxCrashes: number;
  withinMs: number;
}

/** Three crashes in a minute: one is bad luck, three is something that a reload will not fix. */
export const DEFAULT_CRASH_POLICY: CrashPolicy = { maxCrashes: 3, withinMs: 60_000 };

/** Remembers recent crashes and says whether to reload once more or to stop. */
export class CrashCounter {
  private crashes: number[] = [];

  constructor(
    private readonly policy: CrashPolicy = DEFAULT_CRASH_POLICY,
    private readonly now: () => number = Date.now,
  ) {}

  record(): 'reload' | 'give-up' {
    const at = this.now();
    this.crashes = [...this.crashes.filter((t) => at - t < this.policy.withinMs), at];
    return this.crashes.length >= this.policy.maxCrashes ? 'give-up' : 'reload';
  }

  reset(): void {
    this.crashes = [];
  }
}

export const CRASH_LOOP_MESSAGE = {
  title: 'Balai berhenti berulang kali',
  message:
    'Tampilan Balai berhenti beberapa kali dalam waktu singkat, jadi tidak dibuka ulang lagi secara otomatis.',
  detail:
    'Data yang sudah tersimpan tetap aman. Pilih "Coba lagi" untuk membukanya kembali. ' +
    'Bila terus terjadi, pilih "Tutup Balai", nyalakan ulang komputer, lalu hubungi petugas kabupaten.',
  buttons: ['Coba lagi', 'Tutup Balai'],
};

export interface CrashRecoveryOptions {
  /** The page to load again. */
  url: string;
  dialog: Pick<Dialog, 'showMessageBox'>;
  quit: () => void;
  log?: (line: string) => void;
  counter?: CrashCounter;
}

/** Reloads `window` after its renderer dies, until the crashes look like a loop. */
export function recoverFromCrashes(window: BrowserWindow, options: CrashRecoveryOptions): void {
  const counter = options.counter ?? new CrashCounter();
  const log = options.log ?? (() => undefined);
  const reload = () => {
    if (!window.isDestroyed()) void window.loadURL(options.url);
  };
  window.webContents.on('render-process-gone', (_event, details: RenderProcessGoneDetails) => {
    if (details.reason === 'clean-exit' || window.isDestroyed()) return;
    log(`The renderer is gone (${details.reason}, exit code ${details.exitCode}).`);
    if (counter.record() === 'reload') return reload();
    void options.dialog
      .showMessageBox(window, {
        type: 'error',
        ...CRASH_LOOP_MESSAGE,
        defaultId: 0,
        cancelId: 1,
        noLink: true,
      })
      .then(({ response }) => {
        if (response === 0) {
          counter.reset();
          reload();
        } else {
          options.quit();
        }
      });
  });
}
