// Which permission each request workflow step needs. The workflow itself (shared/requests/
// workflow.ts) still checks order and approval by role, as it does for documents from elsewhere.
import type { Step } from '../requests/workflow';
import type { Action } from './permissions';

export const STEP_ACTIONS: Record<Step, Action> = {
  received: 'request.create',
  checked: 'request.check',
  incomplete: 'request.check',
  approved: 'request.approve',
  rejected: 'request.reject',
  printed: 'request.handover',
  collected: 'request.handover',
};
