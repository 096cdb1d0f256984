import { useEffect, useState } from 'react';
import type { NocBridge } from '../../shared/bridge/contract.js';
import { Header } from './components/header/Header.js';
import { SiteView } from './components/site/SiteView.js';
import { WallView } from './components/wall/WallView.js';
import { useHashRoute } from './routing/hash-route.js';
import { createFleetStore } from './store/fleet-store.js';
import { startFleetSync } from './store/fleet-sync.js';
import { FleetStoreContext, useFleet } from './store/store-context.js';

function Board() {
  const route = useHashRoute();
  const connected = useFleet((s) => s.connected);
  return (
    <div className="app" data-connected={connected}>
      <Header />
      <main className="app__main">
        {route.view === 'site' ? (
          <SiteView key={route.siteId} siteId={route.siteId} />
        ) : (
          <WallView />
        )}
      </main>
    </div>
  );
}

/** The wallboard: one store per mount, fed from the bridge while mounted. */
export function App({ bridge }: { bridge: NocBridge }) {
  const [store] = useState(createFleetStore);
  useEffect(() => startFleetSync(bridge, store), [bridge, store]);
  return (
    <FleetStoreContext value={store}>
      <Board />
    </FleetStoreContext>
  );
}
