import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { isOwnPage } from '../../electron/main/app-file.js';
import {
  setupSecurity,
  type AppLike,
  type ContentsCreatedListener,
  type GuardedContentsLike,
  type PermissionSessionLike,
  type WebviewPreferencesLike,
} from '../../electron/main/security.js';

/** Electron's preventable event: what the guards call. */
class FakeEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

class FakeContents extends EventEmitter implements GuardedContentsLike {
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  /** Emits like Electron does and says whether the app let the navigation happen. */
  navigate(kind: 'will-navigate' | 'will-redirect', url: string): boolean {
    const event = new FakeEvent();
    this.emit(kind, event, url);
    return !event.defaultPrevented;
  }
}

class FakeApp extends EventEmitter implements AppLike {
  override on(event: 'web-contents-created', listener: ContentsCreatedListener): this {
    return super.on(event, listener);
  }
  override removeListener(event: 'web-contents-created', listener: ContentsCreatedListener): this {
    return super.removeListener(event, listener);
  }
  createContents(): FakeContents {
    const contents = new FakeContents();
    this.emit('web-contents-created', {}, contents);
    return contents;
  }
}

type RequestHandler = Parameters<PermissionSessionLike['setPermissionRequestHandler']>[0];
type CheckHandler = Parameters<PermissionSessionLike['setPermissionCheckHandler']>[0];

class FakeSession implements PermissionSessionLike {
  request: RequestHandler | null = null;
  check: CheckHandler | null = null;
  setPermissionRequestHandler(handler: RequestHandler): void {
    this.request = handler;
  }
  setPermissionCheckHandler(handler: CheckHandler): void {
    this.check = handler;
  }
}

function setup() {
  const app = new FakeApp();
  const session = new FakeSession();
  const logs: string[] = [];
  const dispose = setupSecurity({ app, session, isOwnPage, log: (m) => logs.push(m) });
  return { app, session, logs, dispose, contents: app.createContents() };
}

const FOREIGN = [
  'https://evil.example/',
  'http://noc/index.html',
  'file:///etc/passwd',
  'app://evil/index.html',
  'app://noc.evil/index.html',
  'app://noc@evil/index.html',
  'app://evil@noc/index.html',
  'app://noc:8080/index.html',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'not a url',
];

describe('setupSecurity: navigation', () => {
  it('lets our own pages load', () => {
    const { contents } = setup();
    expect(contents.navigate('will-navigate', 'app://noc/index.html')).toBe(true);
    expect(contents.navigate('will-navigate', 'app://noc/crashed.html')).toBe(true);
    expect(contents.navigate('will-redirect', 'app://noc/index.html?x=1#top')).toBe(true);
  });

  it.each(FOREIGN)('prevents navigating to %s', (url) => {
    const { contents, logs } = setup();
    expect(contents.navigate('will-navigate', url)).toBe(false);
    expect(logs.at(-1)).toMatch(/^security: navigation to .* refused$/);
  });

  it.each(FOREIGN)('prevents a redirect to %s', (url) => {
    const { contents } = setup();
    expect(contents.navigate('will-redirect', url)).toBe(false);
  });

  it('logs where a refused navigation went, without its query (it may carry a token)', () => {
    const { contents, logs } = setup();
    contents.navigate('will-navigate', 'https://evil.example/steal?token=secret');
    expect(logs).toEqual(['security: navigation to https://evil.example/steal refused']);
  });

  it('guards every web contents created, and none after dispose', () => {
    const { app, dispose } = setup();
    const second = app.createContents();
    expect(second.navigate('will-navigate', 'https://evil.example/')).toBe(false);
    expect(app.listenerCount('web-contents-created')).toBe(1);
    dispose();
    expect(app.listenerCount('web-contents-created')).toBe(0);
    expect(app.createContents().navigate('will-navigate', 'https://evil.example/')).toBe(true);
  });
});

describe('setupSecurity: webviews, windows, permissions', () => {
  it('prevents a <webview> from attaching and strips what it asked for', () => {
    const { contents } = setup();
    const event = new FakeEvent();
    const prefs: WebviewPreferencesLike = {
      preload: '/tmp/evil.js',
      nodeIntegration: true,
      contextIsolation: false,
    };
    contents.emit('will-attach-webview', event, prefs, { src: 'https://evil.example/' });
    expect(event.defaultPrevented).toBe(true);
    expect(prefs).toEqual({ nodeIntegration: false, contextIsolation: true });
  });

  it('denies window.open, for our own pages too', () => {
    const { contents } = setup();
    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'app://noc/index.html' })).toEqual({ action: 'deny' });
  });

  it('denies every permission request and check', () => {
    const { session } = setup();
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      session.request?.({}, permission, (granted) => answers.push(granted));
      expect(session.check?.({}, permission)).toBe(false);
    }
    expect(answers).toEqual([false, false, false, false]);
  });
});
