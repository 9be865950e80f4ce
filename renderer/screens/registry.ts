// The kiosk's screens, in menu order. A capability adds its screen here, in one line.
import type { ComponentType } from 'react';
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

export interface Screen {
  id: string;
  title: MessageKey;
  component: ComponentType;
}

export const SCREENS: Screen[] = [
  { id: 'layanan', title: 'serviceDesk', component: ServiceDesk },
  { id: 'antrean', title: 'queue', component: QueueScreen },
  { id: 'penduduk', title: 'residents', component: ResidentsScreen },
  { id: 'register', title: 'register', component: RegisterScreen },
  { id: 'surat', title: 'letterArchive', component: LettersScreen },
  { id: 'impor', title: 'import', component: ImportScreen },
  { id: 'anggaran', title: 'financeBudget', component: BudgetScreen },
  { id: 'kas', title: 'financeLedger', component: LedgerScreen },
  { id: 'lra', title: 'financeReport', component: LraScreen },
  { id: 'papan', title: 'financeBoard', component: BoardScreen },
  { id: 'cadangan', title: 'backup', component: BackupScreen },
  { id: 'usulan', title: 'planningProposals', component: ProposalsScreen },
  { id: 'musdes', title: 'planningMusdes', component: MusdesScreen },
  { id: 'proyek', title: 'planningProjects', component: ProjectsScreen },
];
