// Dates as the village office sees them: the kiosk's local calendar day, `YYYY-MM-DD`; the forms
// a clerk types or an extract holds, read by one parser; and every date shown as id-ID words.

export function localDate(at: Date = new Date()): string {
  const y = at.getFullYear();
  const m = String(at.getMonth() + 1).padStart(2, '0');
  const d = String(at.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

const TIME_FORMAT = new Intl.DateTimeFormat('id-ID', { hour: '2-digit', minute: '2-digit' });
const DATE_FORMAT = new Intl.DateTimeFormat('id-ID', { dateStyle: 'long' });

/** `14.05` — Indonesian time of day. */
export function formatTime(iso: string): string {
  return TIME_FORMAT.format(new Date(iso));
}

/** `28 November 2026`. */
export function formatLongDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return DATE_FORMAT.format(new Date(y!, m! - 1, d!));
}

/** `3 Desember 2026 14.05` — a moment, on the kiosk's calendar, for lists of events. */
export function formatDateTime(iso: string): string {
  return `${formatLongDate(localDate(new Date(iso)))} ${formatTime(iso)}`;
}

/**
 * A date as a clerk types it or an extract holds it — `1980-01-01`, `01-01-1980`, `1/1/1980`,
 * `01.01.1980` (day before month, as Indonesia writes it) — as `YYYY-MM-DD`; null for empty;
 * 'bad' for any other form or a day that does not exist (31-02-1990).
 */
export function parseDateInput(value: string): string | null | 'bad' {
  const v = value.trim();
  if (!v) return null;
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(v);
    if (!match) return 'bad';
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return 'bad';
  }
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const MONTH_FORMAT = new Intl.DateTimeFormat('id-ID', { month: 'long' });

/** `12` or `'12'` → `Desember`. */
export function monthName(month: number | string): string {
  return MONTH_FORMAT.format(new Date(2000, Number(month) - 1, 1));
}
