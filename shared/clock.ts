// Village PCs often keep the wrong time, and letters, ledger entries and the daily register are
// dated by it. The regency's `Date` header is the reference; beyond a few minutes staff are told.

/** How far the kiosk's clock may drift from the regency's before staff are warned. */
export const CLOCK_SKEW_WARNING_MS = 5 * 60_000;

/** A warning for staff in Bahasa Indonesia, or null when the clock is close enough. */
export function clockSkewWarning(skewMs: number | null): string | null {
  if (skewMs === null || Math.abs(skewMs) < CLOCK_SKEW_WARNING_MS) return null;
  const minutes = Math.round(Math.abs(skewMs) / 60_000);
  const amount = minutes >= 120 ? `${Math.round(minutes / 60)} jam` : `${minutes} menit`;
  const direction = skewMs > 0 ? 'terlambat' : 'terlalu cepat';
  return `Jam komputer ini ${direction} ${amount} dibanding server kabupaten. Betulkan jam komputer agar tanggal surat dan catatan benar.`;
}
