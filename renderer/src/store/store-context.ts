import { createContext, use } from 'react';
import { useStore } from 'zustand';
import type { FleetStore, WallState } from './fleet-store.js';

export const FleetStoreContext = createContext<FleetStore | null>(null);

export function useFleetStore(): FleetStore {
  const store = use(FleetStoreContext);
  if (!store) throw new Error('useFleet needs a FleetStoreContext provider (see App)');
  return store;
}

/** Subscribes to one narrow slice of the store; re-renders only when that slice changes. */
export function useFleet<U>(selector: (state: WallState) => U): U {
  return useStore(useFleetStore(), selector);
}
