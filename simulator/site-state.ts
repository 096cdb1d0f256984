import { existsSync } from 'node:fs';
import type { Clock } from '../shared/clock.js';
import type { SiteEvent } from '../shared/protocol/events.js';
import { Journal } from './journal.js';
import type { SimSiteOptions } from './site-options.js';
import { SiteWorld } from './world.js';

/** A site's world and journal, new or continued from the journal file a previous run left. */
export interface SiteState {
  readonly world: SiteWorld;
  readonly journal: Journal;
  /** Events numbered while loading (a new site's inventory); a restored site has none. */
  readonly initial: readonly SiteEvent[];
}

export function loadSiteState(options: SimSiteOptions, clock: Clock, now: number): SiteState {
  const file = options.journalFile;
  const capacity = options.journalCapacity;
  const worldOptions = { ...options, startAt: now };
  const withCapacity = <T extends object>(o: T) =>
    capacity === undefined ? o : { ...o, capacity };

  if (file !== undefined && existsSync(file)) {
    const opened = Journal.open(file, withCapacity({ clock }));
    if (opened.siteId !== options.siteId) {
      throw new Error(`${file} is the journal of ${opened.siteId}, not ${options.siteId}`);
    }
    if (opened.model.devices.size === 0) {
      return fresh(new SiteWorld(worldOptions), opened.journal, now);
    }
    const seenAlertIds = opened.events.flatMap((e) =>
      e.type === 'alert.raise' ? [e.alert.id] : [],
    );
    // A different seed per resume, so a restarted site does not replay the same story.
    const seed = `${options.seed}:resume:${opened.journal.lastSeq}`;
    const world = SiteWorld.restore(opened.model, { ...options, seed, now, seenAlertIds });
    return { world, journal: opened.journal, initial: [] };
  }

  const journal = new Journal(
    withCapacity({ siteId: options.siteId, clock, ...(file === undefined ? {} : { file }) }),
  );
  return fresh(new SiteWorld(worldOptions), journal, now);
}

/** A new site's first batch is its inventory, so the journal alone can rebuild it. */
function fresh(world: SiteWorld, journal: Journal, now: number): SiteState {
  return { world, journal, initial: journal.append(world.initialEvents(), now) };
}
