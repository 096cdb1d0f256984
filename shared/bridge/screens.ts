import { z } from 'zod';
import { DisplayLayout } from '../displays/display-layout.js';
import { Timestamp } from '../protocol/primitives.js';

/**
 * The screens of the wall as the setup view edits them (docs/displays.md): each screen's layout
 * and where it comes from. The config's `displays` section gives the screens a wall starts with;
 * a technician may replace a screen's layout, add screens and remove them, kept in the store
 * (electron/hub/screens/screen-layouts.ts), until reset to the config's.
 */

export const SCREEN_STATES = [
  /** As the config file says. */
  'config',
  /** The config lists it; a technician's layout replaces the config's. */
  'changed',
  /** Only a technician's: the config does not list it. */
  'added',
  /** The config lists it and a technician took it off the wall: not shown; `layout` is the config's. */
  'removed',
] as const;
export const ScreenState = z.enum(SCREEN_STATES);
export type ScreenState = z.infer<typeof ScreenState>;

export const ScreenEntry = z.strictObject({
  layout: DisplayLayout,
  state: ScreenState,
  /** The technician who last changed it, and when; null for the config's own. */
  changedBy: z.string().min(1).max(200).nullable(),
  changedAt: Timestamp.nullable(),
  /**
   * Which change of this screen this is (new at every change, and at every hub start): a change
   * based on another is refused, so no one overwrites what they have not seen.
   */
  revision: z.int().nonnegative(),
});
export type ScreenEntry = z.infer<typeof ScreenEntry>;

/** A wall has at most this many screens, whatever their source. */
export const MAX_SCREENS = 64;

const ScreenNumber = z.int().min(1).max(MAX_SCREENS);

/** Screen N as the technician saw it (its entry's revision). */
export const SeenScreen = z.strictObject({ revision: z.int().nonnegative() });
export type SeenScreen = z.infer<typeof SeenScreen>;

export const ScreenNumberArgs = z.strictObject({ display: ScreenNumber });
export type ScreenNumberArgs = z.infer<typeof ScreenNumberArgs>;

/** Take off, or reset, screen N as the technician saw it. */
export const ScreenChangeArgs = z.strictObject({ display: ScreenNumber, basedOn: SeenScreen });
export type ScreenChangeArgs = z.infer<typeof ScreenChangeArgs>;

/**
 * What the change is based on: a new screen (refused if the number is taken), or the entry as
 * the technician saw it (refused if it has changed since), so two technicians cannot overwrite
 * each other unknowingly.
 */
export const BasedOn = z.union([z.literal('new'), SeenScreen]);
export type BasedOn = z.infer<typeof BasedOn>;

export const SetScreenArgs = z.strictObject({ layout: DisplayLayout, basedOn: BasedOn });
export type SetScreenArgs = z.infer<typeof SetScreenArgs>;

/** How long each screen shows its number when a technician asks (the screens view, the tray). */
export const IDENTIFY_SHOW_MS = 8000;

/**
 * The screens as every window follows them, in each fleet snapshot and delta: which change of
 * their layouts this is (a screen asks for its layout again when it moves), and until when
 * each screen shows its number (hub time; null when not asked).
 */
export const ScreensState = z.strictObject({
  version: z.int().nonnegative(),
  identifyUntil: Timestamp.nullable(),
});
export type ScreensState = z.infer<typeof ScreensState>;

export const IdentifyResult = z.strictObject({ until: Timestamp });
export type IdentifyResult = z.infer<typeof IdentifyResult>;
