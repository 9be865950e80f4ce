// Who may do what: one table of actions × roles, read by the menu, by every action button and by
// the renderer's write functions (which refuse with `assertMay` even if a button were reachable),
// and by the host for what it guards itself (signing letters, managing staff).
import { STAFF_ROLE_LABELS, type StaffRole } from './roles';

const DESK = ['operator', 'sekretaris', 'kepala-desa'] as const;
const OFFICIALS = ['sekretaris', 'kepala-desa'] as const;
const FINANCE = ['bendahara', 'sekretaris', 'kepala-desa'] as const;
const EVERYONE = ['operator', 'bendahara', 'sekretaris', 'kepala-desa', 'administrator'] as const;

/** Each action: who may take it, and how a refusal names it (completes "tidak boleh …"). */
const TABLE = {
  // Service desk
  'queue.serve': { roles: DESK, label: 'melayani antrean' },
  'request.create': { roles: DESK, label: 'menerima permohonan' },
  'request.check': { roles: DESK, label: 'memeriksa berkas permohonan' },
  'request.approve': { roles: OFFICIALS, label: 'menyetujui permohonan' },
  'request.reject': { roles: DESK, label: 'menolak permohonan' },
  'request.handover': { roles: DESK, label: 'mencatat surat dicetak atau diambil' },
  'register.view': { roles: DESK, label: 'melihat buku register permohonan' },
  // Letters
  'letter.sign': { roles: OFFICIALS, label: 'menandatangani surat' },
  'letter.print': { roles: DESK, label: 'mencetak surat' },
  'letter.view': { roles: DESK, label: 'melihat arsip surat' },
  // Residents
  'resident.view': { roles: DESK, label: 'melihat data penduduk' },
  'resident.edit': { roles: DESK, label: 'menambah atau membetulkan data penduduk' },
  'resident.import': { roles: ['operator', 'sekretaris'], label: 'mengimpor data penduduk' },
  'resident.credential': {
    roles: DESK,
    label: 'memberi PIN atau mendaftarkan kartu e-KTP untuk anjungan',
  },
  // Finance
  'finance.view': { roles: FINANCE, label: 'melihat keuangan desa' },
  'ledger.post': { roles: ['bendahara'], label: 'mencatat entri buku kas' },
  'budget.edit': { roles: ['bendahara', 'sekretaris'], label: 'menyusun anggaran' },
  'budget.adopt': { roles: ['kepala-desa'], label: 'menetapkan APBDes' },
  'board.view': { roles: EVERYONE, label: 'melihat papan informasi' },
  // The treasury (decision 0024): an SPP passes four hands; the treasurer closes the year.
  'spp.draw': { roles: ['operator'], label: 'menyusun SPP (pelaksana kegiatan)' },
  'spp.check': { roles: ['sekretaris'], label: 'memverifikasi SPP' },
  'spp.approve': { roles: ['kepala-desa'], label: 'menyetujui SPP' },
  'spp.pay': { roles: ['bendahara'], label: 'membayar SPP' },
  'books.close': { roles: ['bendahara'], label: 'menutup buku tahun anggaran' },
  'spp.view': { roles: ['operator', ...FINANCE], label: 'melihat SPP' },
  // Planning (usulan → musdes → RKPDes → APBDes) and project monitoring
  'proposal.create': { roles: DESK, label: 'mencatat usulan musdus' },
  'musdes.score': { roles: DESK, label: 'mencatat penilaian musdes' },
  'musdes.decide': { roles: OFFICIALS, label: 'menetapkan keputusan musdes' },
  'project.report': { roles: DESK, label: 'mencatat laporan kemajuan kegiatan' },
  'project.schedule': { roles: OFFICIALS, label: 'mengubah jadwal kegiatan' },
  // Population events (mutasi penduduk), the population books and the monthly report
  'population.record': { roles: DESK, label: 'mencatat peristiwa kependudukan' },
  'population.view': { roles: DESK, label: 'melihat buku administrasi penduduk' },
  'population.close': { roles: ['kepala-desa'], label: 'menutup laporan bulanan penduduk' },
  // Administration
  'staff.manage': { roles: ['administrator'], label: 'mengelola akun petugas' },
  'settings.edit': { roles: ['administrator'], label: 'mengubah pengaturan kios' },
  'backup.export': { roles: ['administrator'], label: 'mengekspor cadangan' },
  'backup.restore': { roles: ['administrator'], label: 'memulihkan cadangan' },
  // Civil registration: what Dukcapil issued, printed at the desk (issue 14)
  'dukcapil.print': { roles: DESK, label: 'mencetak dokumen terbitan Dukcapil' },
} as const satisfies Record<string, { roles: readonly StaffRole[]; label: string }>;

export type Action = keyof typeof TABLE;
export const ACTIONS = Object.keys(TABLE) as Action[];

export function may(role: StaffRole | null | undefined, action: Action): boolean {
  return !!role && (TABLE[action].roles as readonly StaffRole[]).includes(role);
}

/** The roles allowed an action, for "hanya … yang dapat …" hints. */
export function rolesFor(action: Action): readonly StaffRole[] {
  return TABLE[action].roles;
}

/** Why `role` may not take `action`, in Bahasa Indonesia; null if it may. */
export function refusal(role: StaffRole | null | undefined, action: Action): string | null {
  if (may(role, action)) return null;
  const allowed = rolesFor(action)
    .map((r) => STAFF_ROLE_LABELS[r])
    .join(' atau ');
  const who = role ? STAFF_ROLE_LABELS[role] : 'Petugas yang belum masuk';
  return `${who} tidak boleh ${TABLE[action].label}. Hanya ${allowed} yang dapat melakukannya.`;
}

export class PermissionError extends Error {
  constructor(
    message: string,
    readonly action: Action,
  ) {
    super(message);
    this.name = 'PermissionError';
  }
}

/** Throws a PermissionError with a message for staff unless `role` may take `action`. */
export function assertMay(role: StaffRole | null | undefined, action: Action): void {
  const reason = refusal(role, action);
  if (reason) throw new PermissionError(reason, action);
}
