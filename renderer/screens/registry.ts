// The kiosk's screens, in menu order. A capability adds its screen here, in one line.
import type { ComponentType } from 'react';
import type { Action } from '../../shared/staff/permissions';
import type { MessageKey } from '../i18n';
import { ImportScreen } from './ImportScreen';
import { QueueScreen } from './QueueScreen';
import { RegisterScreen } from './RegisterScreen';
import { ResidentsScreen } from './ResidentsScreen';
import { ServiceDesk } from './ServiceDesk';
import { BoardScreen } from '../finance/BoardScreen';
import { BudgetScreen } from '../finance/BudgetScreen';
import { LedgerScreen } from '../finance/LedgerScreen';
import { LraScreen } from '../finance/LraScreen';
import { LettersScreen } from '../letters/LettersScreen';
import { BackupScreen } from '../backup/BackupScreen';
import { MusdesScreen } from '../planning/MusdesScreen';
import { ProjectsScreen } from '../planning/ProjectsScreen';
import { ProposalsScreen } from '../planning/ProposalsScreen';
import { StaffScreen } from '../staff/StaffScreen';
import { DukcapilScreen } from '../dukcapil/DukcapilScreen';
import { OfficeProfileScreen } from '../office/OfficeProfileScreen';
import { MutasiScreen } from '../population/MutasiScreen';
import { BooksScreen } from '../population/BooksScreen';
import { ReportScreen } from '../population/ReportScreen';
import { TreasuryBooksScreen } from '../finance/TreasuryBooksScreen';
import { SppScreen } from '../finance/SppScreen';
import { AnjunganAccessScreen } from '../anjungan/AnjunganAccessScreen';

export interface Screen {
  id: string;
  title: MessageKey;
  component: ComponentType;
  /** Who sees it in the menu (shared/staff/permissions.ts); its writes check again. */
  action: Action;
  /** A full-screen public display: offered in the menu, never opened by itself at sign-in. */
  display?: true;
  /** Its group in the menu, for a screen not listed in MENU_GROUPS below. */
  group?: MenuGroup;
}

export const SCREENS: Screen[] = [
  { id: 'layanan', title: 'serviceDesk', component: ServiceDesk, action: 'request.create' },
  { id: 'antrean', title: 'queue', component: QueueScreen, action: 'queue.serve' },
  { id: 'penduduk', title: 'residents', component: ResidentsScreen, action: 'resident.view' },
  { id: 'register', title: 'register', component: RegisterScreen, action: 'register.view' },
  { id: 'surat', title: 'letterArchive', component: LettersScreen, action: 'letter.view' },
  { id: 'impor', title: 'import', component: ImportScreen, action: 'resident.import' },
  { id: 'anggaran', title: 'financeBudget', component: BudgetScreen, action: 'finance.view' },
  { id: 'kas', title: 'financeLedger', component: LedgerScreen, action: 'finance.view' },
  { id: 'lra', title: 'financeReport', component: LraScreen, action: 'finance.view' },
  {
    id: 'papan',
    title: 'financeBoard',
    component: BoardScreen,
    action: 'board.view',
    display: true,
  },
  { id: 'cadangan', title: 'backup', component: BackupScreen, action: 'backup.export' },
  {
    id: 'usulan',
    title: 'planningProposals',
    component: ProposalsScreen,
    action: 'proposal.create',
  },
  { id: 'musdes', title: 'planningMusdes', component: MusdesScreen, action: 'musdes.score' },
  { id: 'proyek', title: 'planningProjects', component: ProjectsScreen, action: 'project.report' },
  { id: 'petugas', title: 'staffAdmin', component: StaffScreen, action: 'staff.manage' },
  { id: 'dukcapil', title: 'dukcapil', component: DukcapilScreen, action: 'request.create' },
  { id: 'kantor', title: 'officeProfile', component: OfficeProfileScreen, action: 'settings.edit' },
  {
    id: 'mutasi',
    title: 'populationEvents',
    component: MutasiScreen,
    action: 'population.record',
    group: 'kependudukan',
  },
  {
    id: 'buku-penduduk',
    title: 'populationBooks',
    component: BooksScreen,
    action: 'population.view',
    group: 'kependudukan',
  },
  {
    id: 'laporan-penduduk',
    title: 'populationReport',
    component: ReportScreen,
    action: 'population.view',
    group: 'kependudukan',
  },
  {
    id: 'buku-bendahara',
    title: 'treasuryBooks',
    component: TreasuryBooksScreen,
    action: 'finance.view',
    group: 'keuangan',
  },
  { id: 'spp', title: 'treasurySpp', component: SppScreen, action: 'spp.view', group: 'keuangan' },
  {
    id: 'anjungan',
    title: 'anjunganAccess',
    component: AnjunganAccessScreen,
    action: 'resident.credential',
    group: 'layanan',
  },
];

/** The menu's groups, in order: what a clerk looks for, not how the code is split. */
export type MenuGroup = 'layanan' | 'kependudukan' | 'keuangan' | 'perencanaan' | 'pengaturan';

export const MENU_GROUPS: { id: MenuGroup; label: string; screens: string[] }[] = [
  { id: 'layanan', label: 'Layanan', screens: ['layanan', 'antrean', 'register', 'surat'] },
  {
    id: 'kependudukan',
    label: 'Kependudukan',
    screens: ['penduduk', 'mutasi', 'dukcapil', 'buku-penduduk', 'laporan-penduduk', 'impor'],
  },
  { id: 'keuangan', label: 'Keuangan', screens: ['anggaran', 'kas', 'lra', 'papan'] },
  { id: 'perencanaan', label: 'Perencanaan', screens: ['usulan', 'musdes', 'proyek'] },
  // Staff first: a new office's administrator has nobody to work with until staff are added.
  { id: 'pengaturan', label: 'Pengaturan', screens: ['petugas', 'kantor', 'cadangan'] },
];

/**
 * The menu for the screens a role may use: each group with its screens, listed ones in their
 * listed order, then a screen that names its `group` itself; a screen in no group is still
 * offered, under "Lainnya", so a screen added without a group never disappears.
 */
export function menuOf(screens: readonly Screen[]): { label: string; screens: Screen[] }[] {
  const placed = new Set<Screen>();
  const menu = MENU_GROUPS.map((g) => {
    const listed = g.screens.flatMap((id) => screens.filter((s) => s.id === id));
    const own = screens.filter((s) => s.group === g.id && !listed.includes(s));
    const items = [...listed, ...own];
    items.forEach((s) => placed.add(s));
    return { label: g.label, screens: items };
  });
  menu.push({ label: 'Lainnya', screens: screens.filter((s) => !placed.has(s)) });
  return menu.filter((g) => g.screens.length > 0);
}
