// The APBDes classification (Permendagri 20/2018): accounts, bidang → sub-bidang → kegiatan, and
// funding sources. Pure lookups over the shipped reference data.
import { ACCOUNTS, BIDANG, KEGIATAN } from '../../resources/reference/apbdes';

const accountNames = new Map(ACCOUNTS);
const bidangNames = new Map(BIDANG);
const kegiatanNames = new Map(KEGIATAN);

/** Funding sources (sumber dana). Only DDS is fixed nationally; the rest are configurable. */
export const FUNDING_SOURCES: Record<string, string> = {
  DDS: 'Dana Desa',
  ADD: 'Alokasi Dana Desa',
  PAD: 'Pendapatan Asli Desa',
  PBH: 'Bagi Hasil Pajak/Retribusi',
  PBP: 'Bantuan Keuangan Provinsi',
  PBK: 'Bantuan Keuangan Kabupaten/Kota',
  DLL: 'Lain-lain',
};

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
  return jenis !== undefined && accountNames.has(jenis);
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
  return kegiatanNames.has(code);
}

export function kegiatanName(code: string): string {
  return kegiatanNames.get(code) ?? code;
}

/** Name of a bidang (`01`) or sub-bidang (`01.02`). */
export function bidangName(code: string): string {
  return bidangNames.get(code) ?? code;
}

export const BIDANG_CODES = BIDANG.map(([c]) => c).filter((c) => c.length === 2);
export const KEGIATAN_LIST = KEGIATAN;
export const POSTING_ACCOUNTS = ACCOUNTS.filter(([c]) => c.split('.').length === 3);
