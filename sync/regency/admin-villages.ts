// The administration page "Desa dan kios" (decision 0028): every village of the regency by its
// names in the region dataset, whether its database exists, and its kiosks — add one, print its
// sheet again (new secrets), disable a lost one. The kiosk actions run as the server admin: only
// an admin writes `_users`.
import { formatVillageCode, type VillageCode } from '../../shared/village';
import { kioskIdSchema } from '../../shared/ipc';
import { villagesOfRegency, type VillageNames } from '../provision/area-names';
import { provisionLetterKey, publishVillageNames } from '../provision/letter-key';
import {
  generatePassword,
  provisionKiosk,
  provisionVillage,
  type AdminConnection,
} from '../provision/provision';
import {
  disableKiosk,
  regencyKiosks,
  rotateKioskPassword,
  type KioskAccount,
} from '../provision/regency';
import { kioskSheetHtml } from '../hub/kiosk-sheet';
import { villageCodes } from './dashboard-data';
import { REGENCY_VERSIONED_TYPES, sendLatestTo } from './regency-documents';
import { escapeHtml as e } from './dashboard-page';
import { ADMIN_PATH } from './admin-shell';

export interface RegencyVillage {
  code: VillageCode;
  names: VillageNames;
  /** Whether its database exists on the server. */
  online: boolean;
  kiosks: KioskAccount[];
}

// The region dataset never changes while the server runs; reading it costs ~0.5 s a time.
const datasetVillages = new Map<string, ReturnType<typeof villagesOfRegency>>();
function villagesInDataset(regency: string): ReturnType<typeof villagesOfRegency> {
  let villages = datasetVillages.get(regency);
  if (!villages) {
    villages = villagesOfRegency(`${regency.slice(0, 2)}.${regency.slice(2)}`);
    datasetVillages.set(regency, villages);
  }
  return villages;
}

/** `5106` → the regency's villages with their kiosks; empty for a code the dataset lacks. */
export async function regencyVillages(
  admin: AdminConnection,
  regency: string,
): Promise<RegencyVillage[]> {
  const [villages, dbs, kiosks] = await Promise.all([
    villagesInDataset(regency),
    villageCodes(admin),
    regencyKiosks(admin, regency),
  ]);
  const online = new Set<string>(dbs);
  return villages.map((v) => ({
    ...v,
    online: online.has(v.code),
    kiosks: kiosks.filter((k) => k.villageCode === v.code),
  }));
}

export type KioskAction = 'tambah' | 'cetak-ulang' | 'nonaktifkan';

/** What a kiosk action answers: a sheet to print, a message, or a refusal in Bahasa. */
export type KioskOutcome =
  | { kind: 'sheet'; html: string }
  | { kind: 'done'; text: string }
  | { kind: 'refused'; text: string };

/** Validates and performs one kiosk action; nothing is written when the input is refused. */
export async function kioskAction(
  admin: AdminConnection,
  regency: string,
  input: { action: string; village: string; kiosk: string; officer: string; publicUrl: string },
): Promise<KioskOutcome> {
  const action = input.action as KioskAction;
  if (!['tambah', 'cetak-ulang', 'nonaktifkan'].includes(action)) {
    return { kind: 'refused', text: 'Aksi kios tidak dikenal.' };
  }
  const villages = await regencyVillages(admin, regency);
  const village = villages.find((v) => v.code === input.village);
  if (!village) return { kind: 'refused', text: 'Desa ini bukan desa kabupaten Anda.' };
  const name = `Desa ${village.names.villageName}`;
  const at = new Date().toISOString();
  if (action === 'tambah') {
    await provisionVillage(admin, { villageCode: village.code });
    await publishVillageNames(admin, { villageCode: village.code, names: village.names });
    // A village brought on line after the regency's changes starts with their newest versions.
    await sendLatestTo(admin, regency, village.code, REGENCY_VERSIONED_TYPES);
    const used = new Set(village.kiosks.map((k) => k.kioskId));
    let n = 1;
    while (used.has(`k${n}`)) n++;
    const kioskId = `k${n}`;
    const account = await provisionKiosk(admin, {
      villageCode: village.code,
      kioskId,
      password: generatePassword(),
    });
    const key = await provisionLetterKey(admin, { villageCode: village.code, kioskId });
    return { kind: 'sheet', html: sheet(input.publicUrl, village, kioskId, account, key) };
  }
  const parsed = kioskIdSchema.safeParse(input.kiosk);
  const kiosk = parsed.success && village.kiosks.find((k) => k.kioskId === parsed.data);
  if (!kiosk) return { kind: 'refused', text: `${name} tidak punya kios "${input.kiosk}".` };
  if (kiosk.disabled) {
    return { kind: 'refused', text: `Kios ${kiosk.kioskId} ${name} sudah dinonaktifkan.` };
  }
  if (action === 'nonaktifkan') {
    await disableKiosk(admin, {
      villageCode: village.code,
      kioskId: kiosk.kioskId,
      by: input.officer,
      at,
    });
    return {
      kind: 'done',
      text: `Kios ${kiosk.kioskId} ${name} dinonaktifkan: sinkronisasinya ditolak mulai sekarang. Kios lain desa ini tidak berubah.`,
    };
  }
  const account = await rotateKioskPassword(admin, {
    villageCode: village.code,
    kioskId: kiosk.kioskId,
  });
  const key = await provisionLetterKey(admin, {
    villageCode: village.code,
    kioskId: kiosk.kioskId,
  });
  return {
    kind: 'sheet',
    html: sheet(input.publicUrl, village, kiosk.kioskId, account, key, { at, by: input.officer }),
  };
}

function sheet(
  url: string,
  village: RegencyVillage,
  kioskId: string,
  account: { username: string; password: string },
  key: { keyId: string; privateKey: string },
  reprint?: { at: string; by: string },
): string {
  return kioskSheetHtml(
    {
      url,
      villageCode: village.code,
      kioskId,
      username: account.username,
      password: account.password,
      letterKey: { keyId: key.keyId, privateKey: key.privateKey },
    },
    village.names,
    reprint,
  );
}

const dateTime = new Intl.DateTimeFormat('id-ID', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Asia/Jakarta',
});

function kioskButton(v: RegencyVillage, kioskId: string, action: KioskAction, label: string) {
  const variant = action === 'nonaktifkan' ? 'ui-button--danger' : '';
  return `<form method="post" action="${ADMIN_PATH}/kios"${action === 'cetak-ulang' ? ' target="_blank"' : ''}>
<input type="hidden" name="aksi" value="${action}"><input type="hidden" name="desa" value="${v.code}">
<input type="hidden" name="kios" value="${e(kioskId)}">
<button class="ui-button ui-button--small ${variant}" type="submit" aria-label="${e([label, kioskId, `Desa ${v.names.villageName}`].filter(Boolean).join(' '))}">${e(label)}</button></form>`;
}

function kioskLine(v: RegencyVillage, k: KioskAccount): string {
  if (k.disabled) {
    return `<div class="adm-kiosk"><span class="ui-badge ui-badge--danger">${e(k.kioskId)} nonaktif</span>
<span class="adm-small">oleh ${e(k.disabled.by)}, ${e(dateTime.format(new Date(k.disabled.at)))}</span></div>`;
  }
  return `<div class="adm-kiosk"><span class="ui-badge ui-badge--success">${e(k.kioskId)} aktif</span>
${kioskButton(v, k.kioskId, 'cetak-ulang', 'Cetak ulang lembar')}
${kioskButton(v, k.kioskId, 'nonaktifkan', 'Nonaktifkan')}</div>`;
}

export function villagesBody(
  villages: readonly RegencyVillage[],
  filter: { kecamatan: string },
): string {
  const districts = [...new Map(villages.map((v) => [v.code.slice(0, 6), v.names.districtName]))];
  const shown = villages.filter((v) => !filter.kecamatan || v.code.startsWith(filter.kecamatan));
  const kiosks = villages.flatMap((v) => v.kiosks);
  const rows = shown
    .map(
      (v) => `<tr><td>${formatVillageCode(v.code)}</td><td>${e(v.names.villageName)}</td>
<td>${e(v.names.districtName)}</td><td>${v.online ? 'tersambung' : '<span class="adm-small">belum disiapkan</span>'}</td>
<td>${v.kiosks.map((k) => kioskLine(v, k)).join('') || '<span class="adm-small">belum ada kios</span>'}</td>
<td>${kioskButton(v, '', 'tambah', 'Tambah kios')}</td></tr>`,
    )
    .join('\n');
  return `<div class="ui-page-header"><div><h1>Desa dan kios</h1>
<p>${villages.length} desa dari data wilayah Kemendagri; ${villages.filter((v) => v.online).length} tersambung, ${kiosks.filter((k) => !k.disabled).length} kios aktif, ${kiosks.filter((k) => k.disabled).length} nonaktif.
Cetak ulang lembar memberi kata sandi dan kunci surat baru; yang lama berhenti berlaku.</p></div></div>
<form method="get" action="${ADMIN_PATH}" class="ui-row">
<label class="ui-field">Kecamatan <select name="kecamatan"><option value="">Semua</option>
${districts.map(([code, name]) => `<option value="${code}"${code === filter.kecamatan ? ' selected' : ''}>${e(name)}</option>`).join('')}
</select></label><button class="ui-button" type="submit">Tampilkan</button></form>
<div class="ui-table-wrap"><table class="ui-table">
<thead><tr><th>Kode</th><th>Desa</th><th>Kecamatan</th><th>Server</th><th>Kios</th><th></th></tr></thead>
<tbody>
${rows}
</tbody></table></div>`;
}
