// What an `ipcMain.handle` answers and the preload unwraps. Errors travel as a value, not a
// throw, because Electron wraps thrown errors in English text ("Error invoking remote method
// ...") that staff should not see; the preload rethrows the Indonesian message alone.
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: string };
