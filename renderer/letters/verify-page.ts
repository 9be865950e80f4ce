// The public verification page's script (served by sync/regency/verification-route.ts, bundled
// from this file): the letter is checked here, in the reader's browser, with Web Crypto Ed25519
// and the public keys the regency publishes beside the page — the same `verifyLetter` the CLI and
// the kiosk use. The payload comes after `#` in the QR's URL, so it never reaches the server.
import { formatLongDate } from '../../shared/dates';
import { letterTypeName } from '../../shared/letter-types';
import { maskNik, payloadFromScan, verifyLetter, type Verdict } from '../../shared/letters/verify';

interface Published {
  keys: Record<string, Record<string, string>>;
  villages: Record<
    string,
    { villageName: string; districtName: string; regencyName: string; regencyKind: string }
  >;
}

const HEADINGS: Record<Verdict['verdict'], string> = {
  valid: 'SAH',
  tampered: 'TIDAK SAH',
  'unknown-signer': 'PENANDA TANGAN TIDAK DIKENAL',
};

const root = document.getElementById('hasil')!;
const form = document.getElementById('periksa') as HTMLFormElement;
const input = document.getElementById('kode') as HTMLTextAreaElement;

function row(label: string, value: string): HTMLElement {
  const tr = document.createElement('tr');
  const th = document.createElement('th');
  const td = document.createElement('td');
  th.textContent = label;
  td.textContent = value;
  tr.append(th, td);
  return tr;
}

async function check(scanned: string): Promise<void> {
  root.replaceChildren();
  const payload = payloadFromScan(scanned);
  if (!payload) return;
  root.textContent = 'Memeriksa…';
  let published: Published;
  try {
    const reply = await fetch(document.body.dataset.keys!, { cache: 'no-store' });
    if (!reply.ok) throw new Error(`HTTP ${reply.status}`);
    published = (await reply.json()) as Published;
  } catch (err) {
    root.textContent = `Kunci publik desa tidak dapat dimuat (${(err as Error).message}). Coba lagi.`;
    return;
  }
  const verdict = await verifyLetter(payload, published.keys);
  root.replaceChildren();
  const heading = document.createElement('h2');
  heading.className = `verdict ${verdict.verdict}`;
  heading.dataset.verdict = verdict.verdict;
  heading.textContent = HEADINGS[verdict.verdict];
  root.append(heading);
  if (verdict.verdict !== 'valid') {
    const reason = document.createElement('p');
    reason.textContent = verdict.reason;
    root.append(reason);
  }
  const c = verdict.claims;
  if (!c) return;
  const v = published.villages[c.villageCode];
  const village = v?.villageName
    ? `Desa ${v.villageName}, Kecamatan ${v.districtName}, ${v.regencyKind} ${v.regencyName}`
    : `kode ${c.villageCode}`;
  const table = document.createElement('table');
  table.append(
    row('Nomor surat', c.number),
    row('Jenis surat', letterTypeName(c.letterType)),
    row(
      'Tanggal',
      /^\d{4}-\d{2}-\d{2}$/.test(c.issuedOn) ? formatLongDate(c.issuedOn) : c.issuedOn,
    ),
    row('Atas nama', c.subjectName),
    row('NIK', maskNik(c.subjectNik)),
    row('Desa', village),
    row('Penanda tangan', `${c.signerName}, ${c.signerPosition}`),
  );
  root.append(table);
  if (verdict.verdict !== 'valid') {
    const note = document.createElement('p');
    note.textContent = 'Data di atas tertulis di kode QR, tetapi tidak dijamin benar.';
    root.append(note);
  }
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  void check(input.value);
});
window.addEventListener('hashchange', () => void check(location.hash));
if (location.hash.length > 1) void check(location.hash);
