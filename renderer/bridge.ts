// The renderer's one way to its host: `window.balai` from the Electron preload, or the same
// channels over HTTP to the browser kiosk's loopback server. Answers are validated either way.
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
  const res = await fetch(`${BROWSER_BRIDGE_PREFIX}${channel}`, {
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

function browserBridge(): KioskBridge {
  return {
    ...(Object.fromEntries(
      Object.entries(BACKUP_BRIDGE_FUNCTIONS).map(([fn, channel]) => [
        fn,
        (payload: unknown = null) => callBrowserHost(channel, payload as never),
      ]),
    ) as unknown as BackupBridge),
    getConfig: () => callBrowserHost('kiosk:get-config', null),
    setRegency: (connection) => callBrowserHost('kiosk:set-regency', connection),
    signLetter: (request) => callBrowserHost('letters:sign', request),
  };
}

function validatedElectronBridge(bridge: KioskBridge): KioskBridge {
  return {
    ...(Object.fromEntries(
      Object.entries(BACKUP_BRIDGE_FUNCTIONS).map(([fn, channel]) => [
        fn,
        async (payload: unknown) =>
          ipcChannels[channel].response.parse(
            await (bridge[fn as keyof BackupBridge] as (p: unknown) => Promise<unknown>)(payload),
          ),
      ]),
    ) as unknown as BackupBridge),
    getConfig: async () => ipcChannels['kiosk:get-config'].response.parse(await bridge.getConfig()),
    setRegency: async (c) =>
      ipcChannels['kiosk:set-regency'].response.parse(await bridge.setRegency(c)),
    signLetter: async (r) => ipcChannels['letters:sign'].response.parse(await bridge.signLetter(r)),
  };
}

export function getBridge(): KioskBridge {
  return window.balai ? validatedElectronBridge(window.balai) : browserBridge();
}
