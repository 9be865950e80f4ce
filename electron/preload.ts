// Runs sandboxed beside the renderer and exposes `window.balai`: one function per channel of
// the bridge, nothing else of Electron. The host validates every payload; the renderer every answer.
import { contextBridge, ipcRenderer } from 'electron';
import { ANJUNGAN_BRIDGE_FUNCTIONS, type AnjunganBridge } from '../shared/anjungan/channels';
import { BACKUP_BRIDGE_FUNCTIONS, type BackupBridge } from '../shared/backup/channels';
import type { IpcChannel, IpcRequest, IpcResponse, KioskBridge } from '../shared/ipc';
import type { IpcResult } from './ipc-result';

async function invoke<C extends IpcChannel>(
  channel: C,
  payload: IpcRequest<C>,
): Promise<IpcResponse<C>> {
  const result = (await ipcRenderer.invoke(channel, payload)) as IpcResult<IpcResponse<C>>;
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

const bridge: KioskBridge = {
  ...(Object.fromEntries(
    Object.entries(BACKUP_BRIDGE_FUNCTIONS).map(([fn, channel]) => [
      fn,
      (payload: unknown = null) => invoke(channel, payload as never),
    ]),
  ) as unknown as BackupBridge),
  ...(Object.fromEntries(
    Object.entries(ANJUNGAN_BRIDGE_FUNCTIONS).map(([fn, channel]) => [
      fn,
      (payload: unknown = null) => invoke(channel, payload as never),
    ]),
  ) as unknown as AnjunganBridge),
  getConfig: () => invoke('kiosk:get-config', null),
  setRegency: (connection) => invoke('kiosk:set-regency', connection),
  signLetter: (request) => invoke('letters:sign', request),
  printLetter: (request) => invoke('letters:print', request),
  printIssuedPdf: (request) => invoke('dukcapil:print-pdf', request),
  archiveLetterPdf: (request) => invoke('letters:pdf', request),
  setupStatus: () => invoke('staff:setup-status', null),
  setup: (request) => invoke('staff:setup', request),
  staffNames: () => invoke('staff:names', null),
  login: (request) => invoke('staff:login', request),
  logout: () => invoke('staff:logout', null),
  whoami: () => invoke('staff:whoami', null),
  staffList: () => invoke('staff:list', null),
  staffAdd: (request) => invoke('staff:add', request),
  staffSetDisabled: (request) => invoke('staff:set-disabled', request),
  staffResetSecret: (request) => invoke('staff:reset-secret', request),
  setAutoLock: (request) => invoke('staff:set-auto-lock', request),
};

contextBridge.exposeInMainWorld('balai', bridge);
