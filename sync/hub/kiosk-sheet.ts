// The A4 sheet a regency prints for a village office (decision 0023): the kiosk's connection as a
// QR and as text, with what to do with it, in Bahasa. It holds the kiosk's password and letter
// key, so add-regency writes it once (0600), when it gives the kiosk its secrets.
import { connectionCodeOf, type KioskConnectionCode } from '../../shared/connection-code';
import { qrSvg } from '../../shared/letters/qr';
import { formatVillageCode } from '../../shared/village';
import type { VillageNames } from '../provision/area-names';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * `reprint`: the sheet printed again from the administration pages (decision 0028): the secrets
 * on it are new, and it says so, with when the old ones stopped working.
 */
export function kioskSheetHtml(
  connection: KioskConnectionCode,
  names: VillageNames,
  reprint?: { at: string; by: string },
): string {
  const code = connectionCodeOf(connection);
  const rows: [string, string][] = [
    ['Desa', `${names.villageName} (${formatVillageCode(connection.villageCode)})`],
    ['Kecamatan', names.districtName],
    [names.regencyKind, names.regencyName],
    ['ID kios', connection.kioskId],
    ['Alamat server kabupaten', connection.url],
    ['Nama pengguna kios', connection.username],
    ['Kata sandi kios', connection.password],
    ['Kunci surat kios', `${connection.letterKey.keyId}:${connection.letterKey.privateKey}`],
  ];
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>Lembar koneksi kios — Desa ${escape(names.villageName)}</title>
<style>
  @page { size: A4; margin: 18mm; }
  body { font: 11pt/1.45 system-ui, sans-serif; color: #111; }
  h1 { font-size: 16pt; margin: 0 0 2mm; }
  .lead { margin: 0 0 6mm; }
  .qr { width: 70mm; height: 70mm; float: right; margin: 0 0 4mm 6mm; }
  table { border-collapse: collapse; width: 100%; }
  th { text-align: left; font-weight: 600; width: 48mm; vertical-align: top; padding: 1.5mm 3mm 1.5mm 0; }
  td { font-family: ui-monospace, monospace; word-break: break-all; padding: 1.5mm 0; }
  .code { font-family: ui-monospace, monospace; font-size: 8pt; word-break: break-all; border: 1px solid #999; padding: 3mm; margin-top: 6mm; }
  .reprint { border: 2px solid #b00; padding: 2mm 3mm; margin: 0 0 5mm; }
  .warning { border-left: 3px solid #b00; padding-left: 3mm; margin-top: 6mm; }
</style>
</head>
<body>
<h1>Lembar koneksi kios Balai</h1>
<p class="lead">${escape(names.regencyKind)} ${escape(names.regencyName)} · Kecamatan ${escape(names.districtName)} · Desa ${escape(names.villageName)}</p>
${reprint ? reprintNote(reprint) : ''}<div class="qr">${qrSvg(code)}</div>
<p>Pada penyiapan kios (layar pertama Balai), pindai kode QR ini dengan pemindai ke kolom
<strong>Kode koneksi</strong>, atau ketik kode di bawah. Kios lalu tahu server kabupaten, akunnya
dan kunci tanda tangan suratnya.</p>
<table>
${rows.map(([label, value]) => `<tr><th>${escape(label)}</th><td>${escape(value)}</td></tr>`).join('\n')}
</table>
<p class="code">${escape(code)}</p>
<p class="warning"><strong>Rahasia.</strong> Siapa pun yang memegang lembar ini dapat menyinkronkan
data penduduk desa dan menandatangani surat atas nama kios ini. Simpan di tempat terkunci atau
musnahkan setelah kios disiapkan. Lembar ini dicetak sekali; bila hilang, kabupaten memberi kata
sandi dan kunci baru (Cetak ulang lembar di halaman Administrasi Balai, atau rotate-kiosk dan
rotate-letter-key).</p>
</body>
</html>
`;
}

function reprintNote(reprint: { at: string; by: string }): string {
  const when = new Date(reprint.at).toLocaleString('id-ID', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Asia/Jakarta',
  });
  return `<p class="reprint"><strong>Lembar cetak ulang.</strong> Kata sandi dan kunci surat di lembar
ini BARU, diganti oleh ${escape(reprint.by)} pada ${escape(when)} WIB. Kata sandi dan kunci pada
lembar sebelumnya tidak berlaku lagi: siapkan ulang kios dengan lembar ini. Surat yang sudah
ditandatangani dengan kunci lama tetap dapat diverifikasi.</p>
`;
}
