// Dates as the village office sees them: the kiosk's local calendar day, `YYYY-MM-DD`.

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
