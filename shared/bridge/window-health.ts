import { z } from 'zod';

/**
 * How the desktop app's board windows have fared (docs/displays.md, "A board that runs for
 * months"): the crash watchdog's and the memory ceiling's counts per window, since it opened.
 * The app's health, as the screens view shows it; `serve` has none (a TV's browser is its own).
 */
export const WindowHealth = z.strictObject({
  /** The wall's screen the window runs; null for the one ordinary window. */
  screen: z.int().min(1).max(64).nullable(),
  crashes: z.int().nonnegative(),
  /** Reloads after a crash. */
  reloads: z.int().nonnegative(),
  /** Times the crash page was shown (too many crashes in a row). */
  crashPages: z.int().nonnegative(),
  /** Times the page stopped responding and was killed. */
  hangs: z.int().nonnegative(),
  lastCrashReason: z.string().max(200).nullable(),
  /** Reloads at a quiet moment because the renderer passed its memory ceiling. */
  plannedReloads: z.int().nonnegative(),
  /** The renderer's memory at the last minute's reading, MB; null before the first. */
  memoryMb: z.number().nonnegative().nullable(),
});
export type WindowHealth = z.infer<typeof WindowHealth>;

/** Null where the host runs no windows of its own (`serve`). */
export const AppWindowsResult = z.array(WindowHealth).max(128).nullable();
export type AppWindowsResult = z.infer<typeof AppWindowsResult>;
