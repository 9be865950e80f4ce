// The daily register as CSV: one row per request, the columns staff print and file.
import { formatTime } from '../dates';
import { letterTypeName } from '../letter-types';
import { REQUEST_STATUS_LABELS, type RequestDoc } from '../documents/request';

const HEADER = [
  'No',
  'Tanggal',
  'Jam',
  'Antrean',
  'NIK',
  'Nama',
  'Layanan',
  'Keperluan',
  'Status',
  'Kiosk',
];

function cell(value: string): string {
  // Quote always; a leading = + - @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function registerCsv(requests: readonly RequestDoc[]): string {
  const rows = requests.map((r, i) => [
    String(i + 1),
    r.date,
    formatTime(r.createdAt),
    r.ticket,
    r.residentNik,
    r.residentName,
    letterTypeName(r.serviceType),
    r.purpose,
    REQUEST_STATUS_LABELS[r.status],
    r.kioskId,
  ]);
  return [HEADER, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
