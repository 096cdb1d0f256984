import { join } from 'node:path';

/**
 * Windows identifies the app's notices by its AppUserModelID, and routes a click on a notice in
 * the Action Center (after the app closed, or once the toast left the screen) to the COM class
 * named by the Start-menu shortcut's ToastActivatorCLSID. Electron invents a new CLSID each run
 * unless told one, and the installer (electron-builder's NSIS) writes only the id on the
 * shortcut: so the app sets a fixed CLSID and writes it on its shortcut itself.
 */
export const APP_USER_MODEL_ID = 'org.noc-wallboard.app';
/** Fixed for this app, never to change: a shortcut written by an older version keeps working. */
export const TOAST_ACTIVATOR_CLSID = '{5C0F3A8E-7D3B-4E51-9A64-2B8C1E6F9D47}';

/** What the setup reads and sets of a shortcut (Electron's ShortcutDetails has more: kept). */
export interface ShortcutIds {
  appUserModelId?: string;
  toastActivatorClsid?: string;
}

/** The parts of Electron's `app` and `shell` used (fakes in tests). */
export interface ToastHost<Link extends ShortcutIds = ShortcutIds> {
  readonly platform: NodeJS.Platform;
  /** Only an installed app has the installer's shortcut. */
  readonly packaged: boolean;
  /** %APPDATA% (a per-user install's Start menu is under it). */
  readonly appData: string;
  readonly productName: string;
  setAppUserModelId(id: string): void;
  setToastActivatorCLSID(clsid: string): void;
  /** The shortcut's details; throws when there is none. */
  readShortcutLink(path: string): Link;
  /** Writes them back whole (its target and the rest as read), with the ids set. */
  writeShortcutLink(path: string, operation: 'update', details: Link): boolean;
}

export type ToastSetup =
  'not-windows' | 'unpackaged' | 'no-shortcut' | 'current' | 'written' | 'failed';

/** The Start-menu shortcut a per-user NSIS install makes. */
export function startMenuShortcut(appData: string, productName: string): string {
  return join(appData, 'Microsoft', 'Windows', 'Start Menu', 'Programs', `${productName}.lnk`);
}

/**
 * Sets the app's ids and, on an installed app, puts the CLSID on its Start-menu shortcut when it
 * lacks it (or has another): what happened, for the log. Never throws: notices still show
 * without it, only a click on one in the Action Center after the app closed goes nowhere.
 */
export function setupWindowsToasts<Link extends ShortcutIds>(host: ToastHost<Link>): ToastSetup {
  if (host.platform !== 'win32') return 'not-windows';
  host.setAppUserModelId(APP_USER_MODEL_ID);
  host.setToastActivatorCLSID(TOAST_ACTIVATOR_CLSID);
  if (!host.packaged) return 'unpackaged';
  const path = startMenuShortcut(host.appData, host.productName);
  let current: Link;
  try {
    current = host.readShortcutLink(path);
  } catch {
    // A per-machine install, or a shortcut the user removed: nothing of ours to update.
    return 'no-shortcut';
  }
  if (current.toastActivatorClsid?.toUpperCase() === TOAST_ACTIVATOR_CLSID.toUpperCase()) {
    return 'current';
  }
  try {
    const written = host.writeShortcutLink(path, 'update', {
      ...current,
      appUserModelId: APP_USER_MODEL_ID,
      toastActivatorClsid: TOAST_ACTIVATOR_CLSID,
    });
    return written ? 'written' : 'failed';
  } catch {
    return 'failed';
  }
}
