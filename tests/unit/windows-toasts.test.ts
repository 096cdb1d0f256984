import { describe, expect, it } from 'vitest';
import {
  APP_USER_MODEL_ID,
  TOAST_ACTIVATOR_CLSID,
  setupWindowsToasts,
  startMenuShortcut,
  type ToastHost,
} from '../../electron/main/windows-toasts.js';

interface Link {
  target: string;
  appUserModelId?: string;
  toastActivatorClsid?: string;
}

const TARGET = 'C:\\Users\\ola\\AppData\\Local\\Programs\\noc-wallboard\\NOC Wallboard.exe';

/** Electron's app and shell as the setup sees them, with one Start-menu folder of shortcuts. */
function host(over: Partial<ToastHost<Link>> = {}, links = new Map<string, Link>()) {
  const calls: string[] = [];
  const fake: ToastHost<Link> = {
    platform: 'win32',
    packaged: true,
    appData: 'C:\\Users\\ola\\AppData\\Roaming',
    productName: 'NOC Wallboard',
    setAppUserModelId: (id) => calls.push(`id ${id}`),
    setToastActivatorCLSID: (clsid) => calls.push(`clsid ${clsid}`),
    readShortcutLink: (path) => {
      const link = links.get(path);
      if (!link) throw new Error('no such shortcut');
      return link;
    },
    writeShortcutLink: (path, _operation, details) => {
      links.set(path, details);
      calls.push(`write ${path}`);
      return true;
    },
    ...over,
  };
  return { fake, calls, links };
}

describe("Windows notices' ids: the AppUserModelID and a fixed ToastActivatorCLSID on the shortcut", () => {
  const path = startMenuShortcut('C:\\Users\\ola\\AppData\\Roaming', 'NOC Wallboard');

  it("writes the CLSID on the installer's shortcut once, keeping its id", () => {
    const links = new Map<string, Link>([
      [path, { target: TARGET, appUserModelId: APP_USER_MODEL_ID }],
    ]);
    const { fake, calls } = host({}, links);
    expect(setupWindowsToasts(fake)).toBe('written');
    expect(calls).toEqual([
      `id ${APP_USER_MODEL_ID}`,
      `clsid ${TOAST_ACTIVATOR_CLSID}`,
      `write ${path}`,
    ]);
    // Its target kept: the update writes the shortcut back whole.
    expect(links.get(path)).toEqual({
      target: TARGET,
      appUserModelId: APP_USER_MODEL_ID,
      toastActivatorClsid: TOAST_ACTIVATOR_CLSID,
    });
    // The next start finds it current (Windows may give it back in lower case).
    links.set(path, {
      target: TARGET,
      appUserModelId: APP_USER_MODEL_ID,
      toastActivatorClsid: TOAST_ACTIVATOR_CLSID.toLowerCase(),
    });
    expect(setupWindowsToasts(fake)).toBe('current');
  });

  it('sets the ids but writes nothing unpackaged, without a shortcut, or when the write fails', () => {
    const unpackaged = host({ packaged: false });
    expect(setupWindowsToasts(unpackaged.fake)).toBe('unpackaged');
    expect(unpackaged.calls).toEqual([`id ${APP_USER_MODEL_ID}`, `clsid ${TOAST_ACTIVATOR_CLSID}`]);
    expect(setupWindowsToasts(host().fake)).toBe('no-shortcut');
    const links = new Map<string, Link>([[path, { target: TARGET }]]);
    const refused = host({ writeShortcutLink: () => false }, links);
    expect(setupWindowsToasts(refused.fake)).toBe('failed');
    const throwing = host(
      {
        writeShortcutLink: () => {
          throw new Error('access denied');
        },
      },
      links,
    );
    expect(setupWindowsToasts(throwing.fake)).toBe('failed');
  });

  it('does nothing on macOS or Linux', () => {
    const { fake, calls } = host({ platform: 'linux' });
    expect(setupWindowsToasts(fake)).toBe('not-windows');
    expect(calls).toEqual([]);
  });

  it('has a CLSID in the registry form Windows reads', () => {
    expect(TOAST_ACTIVATOR_CLSID).toMatch(/^\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}$/);
  });
});
