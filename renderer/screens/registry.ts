// The kiosk's screens, in menu order. A capability adds its screen here, in one line.
import type { ComponentType } from 'react';
import type { MessageKey } from '../i18n';
import { ServiceDesk } from './ServiceDesk';

export interface Screen {
  id: string;
  title: MessageKey;
  component: ComponentType;
}

export const SCREENS: Screen[] = [{ id: 'layanan', title: 'serviceDesk', component: ServiceDesk }];
