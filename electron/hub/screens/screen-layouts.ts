import {
  IDENTIFY_SHOW_MS,
  type BasedOn,
  type ScreenEntry,
  type SeenScreen,
  type ScreensState,
} from '../../../shared/bridge/screens.js';
import { formatPath } from '../../../shared/protocol/errors.js';
import { screenProblems, type KnownSites } from '../config/screen-checks.js';
import type { Clock } from '../../../shared/clock.js';
import type { DisplayLayout } from '../../../shared/displays/display-layout.js';
import { notifyAll } from '../notify-all.js';
import type { ScreenLayoutStore, SetScreen } from './screen-layout-store.js';

/** A technician's change the hub would not make (answered as `refused`, with this message). */
export class ScreenRefused extends Error {}

/**
 * The screens of the wall (docs/displays.md): the config's `displays`, with what technicians set
 * from the screens view laid over them. A technician's layout replaces the config's for that
 * screen number, adds a screen the config does not list, or takes one off the wall; a reset
 * drops it. Kept in the store, so a restart shows the same wall; the config file is never
 * rewritten. Every change raises `version`, which windows follow to ask for their layout again.
 */
export class ScreenLayouts {
  private readonly config: ReadonlyMap<number, DisplayLayout>;
  private readonly sets = new Map<number, SetScreen>();
  private stateNow: ScreensState;
  /** The version this run started at: every screen's revision until it changes. */
  private readonly startVersion: number;
  /** Each screen's revision: the version its last change made. */
  private readonly revisions = new Map<number, number>();
  private readonly listeners = new Set<(state: ScreensState) => void>();

  constructor(
    config: readonly DisplayLayout[],
    private readonly sites: KnownSites,
    private readonly store: ScreenLayoutStore,
    private readonly clock: Clock,
    private readonly log: (line: string) => void = console.warn,
  ) {
    this.config = new Map(config.map((layout) => [layout.display, layout]));
    // Counted from this run's start time: a window that saw version N of an earlier run (the hub
    // restarted) does not take the same N of this run for the same screens.
    this.startVersion = Math.max(0, Math.floor(clock.now()));
    this.stateNow = { version: this.startVersion, identifyUntil: null };
    let stored: SetScreen[] = [];
    try {
      stored = store.load();
    } catch (error) {
      // What technicians set is lost to this run, not the wall: the config's screens still show.
      this.log(`screens: could not read the stored layouts (${String(error)}); using the config's`);
    }
    for (const set of stored) this.restore(set);
  }

  /** Raised on every change (the publisher's delta carries it to windows). */
  get version(): number {
    return this.stateNow.version;
  }

  /** What every window follows (FleetSnapshot.screens). */
  get state(): ScreensState {
    return this.stateNow;
  }

  /** Every screen shows its number for a few seconds (a technician setting up the wall). */
  identify(): number {
    const until = this.clock.now() + IDENTIFY_SHOW_MS;
    this.stateNow = { ...this.stateNow, identifyUntil: until };
    notifyAll([...this.listeners], this.stateNow, 'screens');
    return until;
  }

  /** Each screen that shows, by number: what the Electron shell opens a window for. */
  layouts(): DisplayLayout[] {
    return this.list()
      .filter((entry) => entry.state !== 'removed')
      .map((entry) => entry.layout);
  }

  layout(display: number): DisplayLayout | null {
    const set = this.sets.get(display);
    if (set) return set.layout;
    return this.config.get(display) ?? null;
  }

  /** Every screen, shown or taken off, by number, with where its layout comes from. */
  list(): ScreenEntry[] {
    const numbers = [...new Set([...this.config.keys(), ...this.sets.keys()])].sort(
      (a, b) => a - b,
    );
    return numbers.flatMap((display) => {
      const entry = this.entry(display);
      return entry === null ? [] : [entry];
    });
  }

  /** Refused when it names what the hub does not know, or the screen changed since it was seen. */
  set(layout: DisplayLayout, technician: string, basedOn: BasedOn): ScreenEntry {
    const problem = screenProblems(layout, this.sites)[0];
    if (problem) throw new ScreenRefused(`${formatPath(problem.path)}: ${problem.message}`);
    this.checkBasis(layout.display, basedOn);
    this.save({
      screen: layout.display,
      layout,
      changedBy: technician,
      changedAt: this.clock.now(),
    });
    return this.mustEntry(layout.display);
  }

  /** Takes a screen off the wall; a screen only a technician added is dropped outright. */
  remove(display: number, technician: string, basedOn: SeenScreen): ScreenEntry | null {
    const entry = this.checkBasis(display, basedOn);
    if (entry.state === 'removed') return entry;
    if (!this.config.has(display)) {
      this.drop(display);
      return null;
    }
    this.save({
      screen: display,
      layout: null,
      changedBy: technician,
      changedAt: this.clock.now(),
    });
    return this.mustEntry(display);
  }

  /** Back to the config's layout of that screen (or no screen, when the config has none). */
  reset(display: number, basedOn: SeenScreen): ScreenEntry | null {
    this.checkBasis(display, basedOn);
    if (this.sets.has(display)) this.drop(display);
    return this.entry(display);
  }

  onChange(listener: (state: ScreensState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Takes in a stored change, unless it no longer fits the config (said in the log). */
  private restore(set: SetScreen): void {
    const where = `screens: what was set for screen ${set.screen} by ${set.changedBy}`;
    if (set.layout === null && !this.config.has(set.screen)) {
      // Taken off a screen the config no longer lists: nothing to keep it off, nor to put back.
      this.log(`${where} (taken off) is forgotten: the config no longer lists that screen`);
      try {
        this.store.remove(set.screen);
      } catch (error) {
        // Forgotten in this run all the same; tried again at the next start.
        this.log(`screens: could not delete it from the store: ${String(error)}`);
      }
      return;
    }
    const problem = set.layout === null ? undefined : screenProblems(set.layout, this.sites)[0];
    if (problem) {
      // Kept in the store (the site may come back to the config); the config's shows meanwhile.
      this.log(`${where} is not used: ${formatPath(problem.path)}: ${problem.message}`);
      return;
    }
    this.sets.set(set.screen, set);
  }

  /** The entry as it is, when it is what the technician saw; refused otherwise, saying why. */
  private checkBasis(display: number, basedOn: SeenScreen): ScreenEntry;
  private checkBasis(display: number, basedOn: BasedOn): ScreenEntry | null;
  private checkBasis(display: number, basedOn: BasedOn): ScreenEntry | null {
    const now = this.entry(display);
    if (basedOn === 'new') {
      if (now !== null) {
        throw new ScreenRefused(
          `screen ${display} is on the list already: edit it there, or choose another number`,
        );
      }
      return null;
    }
    if (now === null) {
      throw new ScreenRefused(`screen ${display} is not on the list (any more): look again`);
    }
    if (now.revision !== basedOn.revision) {
      const by =
        now.changedBy === null
          ? 'reset to the config’s, or the hub restarted,'
          : `${now.state === 'removed' ? 'taken off' : 'changed'} by ${now.changedBy}`;
      throw new ScreenRefused(
        `screen ${display} was ${by} since you looked: look again, then change it`,
      );
    }
    return now;
  }

  private save(set: SetScreen): void {
    // Stored first: a change the store refused is not shown as made (the caller is told).
    this.store.save(set);
    this.sets.set(set.screen, set);
    this.changed(set.screen);
  }

  private drop(display: number): void {
    this.store.remove(display);
    this.sets.delete(display);
    this.changed(display);
  }

  private changed(display: number): void {
    this.stateNow = { ...this.stateNow, version: this.stateNow.version + 1 };
    this.revisions.set(display, this.stateNow.version);
    notifyAll([...this.listeners], this.stateNow, 'screens');
  }

  private mustEntry(display: number): ScreenEntry {
    const entry = this.entry(display);
    if (entry === null) throw new Error(`screen ${display} vanished while being set`);
    return entry;
  }

  private entry(display: number): ScreenEntry | null {
    const configured = this.config.get(display);
    const set = this.sets.get(display);
    const revision = this.revisions.get(display) ?? this.startVersion;
    if (set === undefined) {
      return configured
        ? { layout: configured, state: 'config', changedBy: null, changedAt: null, revision }
        : null;
    }
    const by = { changedBy: set.changedBy, changedAt: set.changedAt, revision };
    if (set.layout === null) {
      // Taken off a screen the config no longer lists: nothing to show or restore.
      return configured ? { layout: configured, state: 'removed', ...by } : null;
    }
    return { layout: set.layout, state: configured ? 'changed' : 'added', ...by };
  }
}
