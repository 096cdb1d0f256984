import { useFleet } from '../../store/store-context.js';
import { InvalidPayloadsBanner } from './InvalidPayloadsBanner.js';

/** What the viewer must know before trusting anything below: demo data, a lost hub, a failure. */
export function Banners() {
  const demo = useFleet((s) => s.info?.demo === true);
  const connected = useFleet((s) => s.connected);
  const syncError = useFleet((s) => s.syncError);
  const invalid = useFleet((s) => s.invalidPayloads);
  const storeNotice = useFleet((s) => s.info?.storeNotice ?? null);
  return (
    <>
      {connected ? null : (
        <div className="banner banner--lost" data-testid="bridge-lost" role="alert">
          Connection to the hub lost — data below is stale
        </div>
      )}
      {syncError === null ? null : (
        <div className="banner banner--error" data-testid="sync-error" role="alert">
          Cannot load the fleet: {syncError}
        </div>
      )}
      {invalid.at === null ? null : (
        <InvalidPayloadsBanner count={invalid.count} last={invalid.last} at={invalid.at} />
      )}
      {storeNotice === null ? null : (
        <div className="banner banner--error" data-testid="store-notice" role="status">
          History store: {storeNotice}
        </div>
      )}
      {demo ? (
        <div className="banner banner--demo" data-testid="demo-banner">
          DEMO DATA — simulated sites
        </div>
      ) : null}
    </>
  );
}
