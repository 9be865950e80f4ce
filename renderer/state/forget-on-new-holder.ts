// Nothing of one person's session is left for the next: a store registered here goes back to its
// initial state when whose work the screens hold changes (sign-out, or someone else signing in).
// A lock keeps the holder, so the same person coming back finds their screen and year as left.
import { useSignIn } from '../staff/store';

interface ResettableStore {
  getInitialState(): unknown;
  setState(state: never, replace: true): void;
}

const stores: ResettableStore[] = [];

export function forgetOnNewHolder(store: ResettableStore): void {
  stores.push(store);
}

// Zustand calls listeners synchronously on set, so the stores are reset before React renders the
// next person's screens.
useSignIn.subscribe((state, previous) => {
  if (state.holder?.id === previous.holder?.id) return;
  for (const store of stores) store.setState(store.getInitialState() as never, true);
});
