// Which screen the kiosk shows. Screens register in renderer/screens/registry.ts.
import { create } from 'zustand';

export const useNavigation = create<{ screen: string; go(screen: string): void }>((set) => ({
  screen: 'layanan',
  go: (screen) => set({ screen }),
}));
