// The renderer's one way to its host: `window.balai` from the Electron preload, or the same
// channels over HTTP to the browser kiosk's loopback server. Answers are validated either way.
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
    getConfig: () => callBrowserHost('kiosk:get-config', null),
    setRegency: (connection) => callBrowserHost('kiosk:set-regency', connection),
    signLetter: (request) => callBrowserHost('letters:sign', request),
  };
}

function validatedElectronBridge(bridge: KioskBridge): KioskBridge {
  return {
    getConfig: async () => ipcChannels['kiosk:get-config'].response.parse(await bridge.getConfig()),
    setRegency: async (c) =>
      ipcChannels['kiosk:set-regency'].response.parse(await bridge.setRegency(c)),
    signLetter: async (r) => ipcChannels['letters:sign'].response.parse(await bridge.signLetter(r)),
  };
}

export function getBridge(): KioskBridge {
  return window.balai ? validatedElectronBridge(window.balai) : browserBridge();
}
