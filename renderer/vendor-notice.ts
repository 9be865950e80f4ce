// RxDB's free Dexie storage prints a multi-line advertisement for its premium plugins at the
// first write of every load. Staff and support reading the console of a production kiosk take it
// for a fault, so production builds drop that one message; development builds still show it.
// RxDB's own source invites overriding its premium check; we only hide the notice.
const NOTICE = '-------------- RxDB Open Core RxStorage';

export function quietRxdbNoticeInProduction(): void {
  // The mode, not PROD: PROD follows NODE_ENV, which a build run from a test sets to 'test'.
  if (import.meta.env.MODE === 'development') return;
  const warn = console.warn.bind(console);
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith(NOTICE)) return;
    warn(...args);
  };
}
