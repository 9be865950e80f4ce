// Which screen the kiosk shows. Screens register in renderer/screens/registry.ts. Empty: the
// role's first screen in menu order (renderer/App.tsx). A kiosk opened at `#<screen id>` (the hall's
// TV at `#papan`) starts there, and so does each next person; otherwise they start at the top.
import { create } from 'zustand';
import { forgetOnNewHolder } from './forget-on-new-holder';

const opened = typeof window === 'undefined' ? '' : window.location.hash.slice(1);

export const useNavigation = create<{ screen: string; go(screen: string): void }>((set) => ({
  screen: opened,
  go: (screen) => set({ screen }),
}));
forgetOnNewHolder(useNavigation);
