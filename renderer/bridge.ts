// The renderer's one way to its host: `window.balai` from the Electron preload, or the same
// channels over HTTP to the browser kiosk's loopback server. Answers are validated either way.
import {
  ANJUNGAN_BRIDGE_FUNCTIONS,
  ANJUNGAN_PATH,
  type AnjunganBridge,
} from '../shared/anjungan/channels';
import { BACKUP_BRIDGE_FUNCTIONS, type BackupBridge } from '../shared/backup/channels';
import {
  BROWSER_BRIDGE_PREFIX,
  ipcChannels,
  ipcErrorSchema,
  type IpcChannel,
  type IpcRequest,
  type IpcResponse,
  type KioskBridge,
} from '../shared/ipc';

declare global {
  interface Window {
    balai?: KioskBridge;
  }
}

async function callBrowserHost<C extends IpcChannel>(
  channel: C,
  payload: IpcRequest<C>,
): Promise<IpcResponse<C>> {
  const res = await fetch(`${bridgePrefix()}${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(payload),
  });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = ipcErrorSchema.safeParse(body);
    throw new Error(err.success ? err.data.error : `Kiosk menjawab ${res.status}.`);
  }
  return ipcChannels[channel].response.parse(body) as IpcResponse<C>;
}

/**
 * The anjungan's window (served under `/anjungan/`) calls the host as a window in resident mode:
 * the host answers it only its own channels (decision 0026).
 */
function bridgePrefix(): string {
  return window.location.pathname.startsWith(ANJUNGAN_PATH)
    ? `${ANJUNGAN_PATH}${BROWSER_BRIDGE_PREFIX.slice(1)}`
    : BROWSER_BRIDGE_PREFIX;
}

/** The bridge functions of a table of function → channel, each calling `call` with its channel. */
function tableFunctions(
  table: Record<string, IpcChannel>,
  call: (fn: string, channel: IpcChannel, payload: unknown) => Promise<unknown>,
): Record<string, (payload?: unknown) => Promise<unknown>> {
  return Object.fromEntries(
    Object.entries(table).map(([fn, channel]) => [
      fn,
      (payload: unknown = null) => call(fn, channel, payload),
    ]),
  );
}

function browserBridge(): KioskBridge {
  return {
    ...(tableFunctions({ ...BACKUP_BRIDGE_FUNCTIONS, ...ANJUNGAN_BRIDGE_FUNCTIONS }, (_fn, c, p) =>
      callBrowserHost(c, p as never),
    ) as unknown as BackupBridge & AnjunganBridge),
    getConfig: () => callBrowserHost('kiosk:get-config', null),
    setRegency: (connection) => callBrowserHost('kiosk:set-regency', connection),
    signLetter: (request) => callBrowserHost('letters:sign', request),
    printLetter: (request) => callBrowserHost('letters:print', request),
    archiveLetterPdf: (request) => callBrowserHost('letters:pdf', request),
    printIssuedPdf: (request) => callBrowserHost('dukcapil:print-pdf', request),
    setupStatus: () => callBrowserHost('staff:setup-status', null),
    setup: (request) => callBrowserHost('staff:setup', request),
    staffNames: () => callBrowserHost('staff:names', null),
    login: (request) => callBrowserHost('staff:login', request),
    logout: () => callBrowserHost('staff:logout', null),
    whoami: () => callBrowserHost('staff:whoami', null),
    staffList: () => callBrowserHost('staff:list', null),
    staffAdd: (request) => callBrowserHost('staff:add', request),
    staffSetDisabled: (request) => callBrowserHost('staff:set-disabled', request),
    staffResetSecret: (request) => callBrowserHost('staff:reset-secret', request),
    setAutoLock: (request) => callBrowserHost('staff:set-auto-lock', request),
  };
}

function validatedElectronBridge(bridge: KioskBridge): KioskBridge {
  return {
    ...(tableFunctions(
      { ...BACKUP_BRIDGE_FUNCTIONS, ...ANJUNGAN_BRIDGE_FUNCTIONS },
      async (fn, channel, payload) =>
        ipcChannels[channel].response.parse(
          await (bridge[fn as keyof KioskBridge] as (p: unknown) => Promise<unknown>)(payload),
        ),
    ) as unknown as BackupBridge & AnjunganBridge),
    getConfig: async () => ipcChannels['kiosk:get-config'].response.parse(await bridge.getConfig()),
    setRegency: async (c) =>
      ipcChannels['kiosk:set-regency'].response.parse(await bridge.setRegency(c)),
    signLetter: async (r) => ipcChannels['letters:sign'].response.parse(await bridge.signLetter(r)),
    printLetter: async (r) =>
      ipcChannels['letters:print'].response.parse(await bridge.printLetter(r)),
    archiveLetterPdf: async (r) =>
      ipcChannels['letters:pdf'].response.parse(await bridge.archiveLetterPdf(r)),
    printIssuedPdf: async (r) =>
      ipcChannels['dukcapil:print-pdf'].response.parse(await bridge.printIssuedPdf(r)),
    setupStatus: async () =>
      ipcChannels['staff:setup-status'].response.parse(await bridge.setupStatus()),
    setup: async (r) => ipcChannels['staff:setup'].response.parse(await bridge.setup(r)),
    staffNames: async () => ipcChannels['staff:names'].response.parse(await bridge.staffNames()),
    login: async (r) => ipcChannels['staff:login'].response.parse(await bridge.login(r)),
    logout: async () => ipcChannels['staff:logout'].response.parse(await bridge.logout()),
    whoami: async () => ipcChannels['staff:whoami'].response.parse(await bridge.whoami()),
    staffList: async () => ipcChannels['staff:list'].response.parse(await bridge.staffList()),
    staffAdd: async (r) => ipcChannels['staff:add'].response.parse(await bridge.staffAdd(r)),
    staffSetDisabled: async (r) =>
      ipcChannels['staff:set-disabled'].response.parse(await bridge.staffSetDisabled(r)),
    staffResetSecret: async (r) =>
      ipcChannels['staff:reset-secret'].response.parse(await bridge.staffResetSecret(r)),
    setAutoLock: async (r) =>
      ipcChannels['staff:set-auto-lock'].response.parse(await bridge.setAutoLock(r)),
  };
}

export function getBridge(): KioskBridge {
  return window.balai ? validatedElectronBridge(window.balai) : browserBridge();
}
