// The application being prefilled from a population event (Mutasi Penduduk's "Buat permohonan",
// or the Dukcapil screen's list of events waiting): the Dukcapil screen's new-application form
// shows it until it is saved. One owner: this store; forgotten when another person signs in.
import { create } from 'zustand';
import type { ApplicationDraft } from '../../shared/dukcapil/from-event';
import type { PopulationEventDoc } from '../../shared/documents/population';
import { draftFromEvent } from '../../shared/dukcapil/from-event';
import type { KioskDatabase } from '../../sync/client/store-types';
import { registerFor } from '../population/data';
import { forgetOnNewHolder } from '../state/forget-on-new-holder';

export const useApplicationDraft = create<{
  draft: ApplicationDraft | null;
  set(draft: ApplicationDraft | null): void;
}>((set) => ({
  draft: null,
  set: (draft) => set({ draft }),
}));
forgetOnNewHolder(useApplicationDraft);

/** Prefills the new application from an event, with the people the register knows. */
export async function startFromEvent(db: KioskDatabase, event: PopulationEventDoc): Promise<void> {
  const register = await registerFor(db, [event.nik, ...event.relatedNiks], []);
  useApplicationDraft.getState().set(draftFromEvent(event, (nik) => register.byNik(nik)));
}
