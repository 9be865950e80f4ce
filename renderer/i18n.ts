// UI words in Bahasa Indonesia first, English available. Messages from the domain (validation,
// sync reasons) are written in Bahasa Indonesia for staff and are shown as they are.
import { create } from 'zustand';

const id = {
  appTitle: 'Balai',
  village: 'Desa',
  kiosk: 'Kiosk',
  serviceDesk: 'Layanan Surat',
  newRequest: 'Permohonan baru',
  nik: 'NIK',
  nikHint: '16 angka; warga tanpa NIK memakai nomor sementara berawalan 0',
  name: 'Nama pemohon',
  serviceType: 'Jenis layanan',
  chooseService: '— pilih layanan —',
  purpose: 'Keperluan',
  save: 'Simpan permohonan',
  saved: 'Permohonan tersimpan di kiosk ini.',
  fixErrors: 'Periksa isian yang ditandai.',
  todaysRequests: 'Permohonan hari ini',
  none: 'Belum ada permohonan hari ini.',
  time: 'Jam',
  status: 'Status',
  sync: 'Sinkron',
  syncPending: 'Menunggu',
  syncSynced: 'Terkirim',
  syncRejected: 'Ditolak',
  state_stopped: 'Sinkronisasi mati',
  state_offline: 'Luring',
  state_syncing: 'Menyinkronkan…',
  'state_up-to-date': 'Tersinkron',
  state_error: 'Gagal sinkron',
  pending: 'menunggu',
  lastSync: 'terakhir',
  never: 'belum pernah',
  loading: 'Membuka data kiosk…',
  startFailed: 'Kiosk tidak dapat dibuka',
  language: 'English',
  financeBudget: 'Anggaran (APBDes)',
  financeLedger: 'Buku Kas',
  financeReport: 'Laporan Realisasi',
  financeBoard: 'Papan Transparansi',
};

const en: typeof id = {
  appTitle: 'Balai',
  village: 'Village',
  kiosk: 'Kiosk',
  serviceDesk: 'Letter services',
  newRequest: 'New request',
  nik: 'NIK',
  nikHint: '16 digits; residents without a NIK use a temporary number starting with 0',
  name: 'Applicant name',
  serviceType: 'Service',
  chooseService: '— choose a service —',
  purpose: 'Purpose',
  save: 'Save request',
  saved: 'Request saved on this kiosk.',
  fixErrors: 'Please check the marked fields.',
  todaysRequests: "Today's requests",
  none: 'No requests yet today.',
  time: 'Time',
  status: 'Status',
  sync: 'Sync',
  syncPending: 'Waiting',
  syncSynced: 'Sent',
  syncRejected: 'Refused',
  state_stopped: 'Sync off',
  state_offline: 'Offline',
  state_syncing: 'Syncing…',
  'state_up-to-date': 'Up to date',
  state_error: 'Sync failed',
  pending: 'waiting',
  lastSync: 'last',
  never: 'never',
  loading: 'Opening kiosk data…',
  startFailed: 'The kiosk could not be opened',
  language: 'Bahasa Indonesia',
  financeBudget: 'Budget (APBDes)',
  financeLedger: 'Cash book',
  financeReport: 'Realisation report',
  financeBoard: 'Transparency board',
};

export type MessageKey = keyof typeof id;
type Language = 'id' | 'en';

export const useLanguage = create<{ language: Language; toggle(): void }>((set) => ({
  language: 'id',
  toggle: () => set((s) => ({ language: s.language === 'id' ? 'en' : 'id' })),
}));

export function useT(): (key: MessageKey) => string {
  const language = useLanguage((s) => s.language);
  const words = language === 'id' ? id : en;
  return (key) => words[key];
}
