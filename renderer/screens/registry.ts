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
import { MutasiScreen } from '../population/MutasiScreen';
import { BooksScreen } from '../population/BooksScreen';
import { ReportScreen } from '../population/ReportScreen';

export interface Screen {
  id: string;
  title: MessageKey;
  component: ComponentType;
  /** Who sees it in the menu (shared/staff/permissions.ts); its writes check again. */
  action: Action;
  /** A full-screen public display: offered in the menu, never opened by itself at sign-in. */
  display?: true;
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
  { id: 'mutasi', title: 'populationEvents', component: MutasiScreen, action: 'population.record' },
  {
    id: 'buku-penduduk',
    title: 'populationBooks',
    component: BooksScreen,
    action: 'population.view',
  },
  {
    id: 'laporan-penduduk',
    title: 'populationReport',
    component: ReportScreen,
    action: 'population.view',
  },
];
