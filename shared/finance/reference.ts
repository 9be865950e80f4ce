// The APBDes classification (Permendagri 20/2018): accounts, bidang → sub-bidang → kegiatan, and
// funding sources. Lookups over the shipped reference data, with the regency's updates (synced
// `reference` documents) laid over them by `applyReferenceUpdates`.
import { ACCOUNTS, BIDANG, KEGIATAN } from '../../resources/reference/apbdes';
import { applyTaxUpdates } from './taxes';

/** Funding sources (sumber dana) as shipped. Only DDS is fixed nationally; the rest are configurable. */
const SHIPPED_SOURCES: Record<string, string> = {
  DDS: 'Dana Desa',
  ADD: 'Alokasi Dana Desa',
  PAD: 'Pendapatan Asli Desa',
  PBH: 'Bagi Hasil Pajak/Retribusi',
  PBP: 'Bantuan Keuangan Provinsi',
  PBK: 'Bantuan Keuangan Kabupaten/Kota',
  DLL: 'Lain-lain',
};

let accountNames = new Map(ACCOUNTS);
let bidangNames = new Map(BIDANG);
let kegiatanNames = new Map(KEGIATAN);
/** Funding sources in use (shipped, plus the regency's). */
export const FUNDING_SOURCES: Record<string, string> = { ...SHIPPED_SOURCES };
/** Codes the regency retired: still named on old lines, refused on new ones. */
let retired = new Set<string>();

export interface ReferenceUpdate {
  kind: 'account' | 'bidang' | 'kegiatan' | 'funding-source' | 'tax';
  code: string;
  /** For a tax: its rate in basis points. */
  rate?: number | null;
  name: string;
  active: boolean;
  /** Later updates of the same code win. */
  updatedAt?: string;
}

/** Rebuild the reference data: the shipped tables with these updates over them (idempotent). */
export function applyReferenceUpdates(updates: readonly ReferenceUpdate[]): void {
  accountNames = new Map(ACCOUNTS);
  bidangNames = new Map(BIDANG);
  kegiatanNames = new Map(KEGIATAN);
  retired = new Set();
  for (const key of Object.keys(FUNDING_SOURCES)) delete FUNDING_SOURCES[key];
  Object.assign(FUNDING_SOURCES, SHIPPED_SOURCES);
  const ordered = [...updates].sort((a, b) => ((a.updatedAt ?? '') < (b.updatedAt ?? '') ? -1 : 1));
  for (const u of ordered) {
    const key = `${u.kind}:${u.code}`;
    if (u.active) retired.delete(key);
    else retired.add(key);
    if (u.kind === 'account') accountNames.set(u.code, u.name);
    if (u.kind === 'bidang') bidangNames.set(u.code, u.name);
    if (u.kind === 'kegiatan') kegiatanNames.set(u.code, u.name);
    if (u.kind === 'funding-source') FUNDING_SOURCES[u.code] = u.name;
  }
  applyTaxUpdates(ordered.filter((u) => u.kind === 'tax'));
}

const isActive = (kind: ReferenceUpdate['kind'], code: string) => !retired.has(`${kind}:${code}`);

/** Choices for a new budget line. */
export function kegiatanChoices(): [string, string][] {
  return [...kegiatanNames]
    .filter(([c]) => isActive('kegiatan', c))
    .sort(([a], [b]) => (a < b ? -1 : 1));
}
/**
 * The kegiatan whose code or name holds every word typed (`jalan 02.03`), for a picker over some
 * 240 of them; all of them for an empty query.
 */
export function searchKegiatan(query: string): [string, string][] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return kegiatanChoices().filter(([code, name]) => {
    const text = `${code} ${name}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
export function accountChoices(): [string, string][] {
  return [...accountNames]
    .filter(([c]) => c.split('.').length === 3 && isActive('account', c))
    .sort(([a], [b]) => (a < b ? -1 : 1));
}
export function fundingSourceChoices(): [string, string][] {
  return Object.entries(FUNDING_SOURCES).filter(([c]) => isActive('funding-source', c));
}

/** Which part of the APBDes an account belongs to. */
export type AccountClass = 'income' | 'spending' | 'financing-in' | 'financing-out';

export function accountClass(code: string): AccountClass | null {
  if (/^4(\.|$)/.test(code)) return 'income';
  if (/^5(\.|$)/.test(code)) return 'spending';
  if (/^6\.1(\.|$)/.test(code)) return 'financing-in';
  if (/^6\.2(\.|$)/.test(code)) return 'financing-out';
  return null;
}

/** A budget line's account: a known jenis (`4.1.1`), or deeper (`5.2.1.01`) under a known jenis. */
export function isPostingAccount(code: string): boolean {
  const jenis = /^(\d\.\d\.\d)(\.\d{1,3})*$/.exec(code)?.[1];
  return jenis !== undefined && accountNames.has(jenis) && isActive('account', jenis);
}

export function accountName(code: string): string {
  for (let c = code; c; c = c.includes('.') ? c.slice(0, c.lastIndexOf('.')) : '') {
    const name = accountNames.get(c);
    if (name) return name;
  }
  return code;
}

/** `01.02.03.` → `01.02` */
export function subBidangOf(kegiatanCode: string): string {
  return kegiatanCode.slice(0, 5);
}
/** `01.02.03.` → `01` */
export function bidangOf(kegiatanCode: string): string {
  return kegiatanCode.slice(0, 2);
}

export function isKegiatan(code: string): boolean {
  return kegiatanNames.has(code) && isActive('kegiatan', code);
}

export function kegiatanName(code: string): string {
  return kegiatanNames.get(code) ?? code;
}

/** Name of a bidang (`01`) or sub-bidang (`01.02`). */
export function bidangName(code: string): string {
  return bidangNames.get(code) ?? code;
}

export const KEGIATAN_LIST = KEGIATAN;
