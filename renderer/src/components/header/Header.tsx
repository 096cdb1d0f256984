import { useFleet } from '../../store/store-context.js';
import { WALL_HREF } from '../../routing/hash-route.js';
import { Banners } from './Banners.js';
import { Clock } from './Clock.js';
import { FleetTotals } from './FleetTotals.js';

export function Header() {
  const version = useFleet((s) => s.info?.version ?? null);
  return (
    <header className="header">
      <Banners />
      <div className="header__bar">
        <a className="header__brand" href={WALL_HREF}>
          NOC Wallboard
          {version === null ? null : <span className="header__version">v{version}</span>}
        </a>
        <FleetTotals />
        <Clock />
      </div>
    </header>
  );
}
