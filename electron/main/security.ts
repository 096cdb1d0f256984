/**
 * Electron's security checklist, applied to every web contents the app will ever create: no
 * navigation or redirect away from our pages, no <webview>, no new windows, and every
 * permission request or check denied. Electron is reached through the narrow interfaces below,
 * so the rules are unit-tested with fakes.
 */

export interface PreventableLike {
  preventDefault(): void;
}
/** What `will-attach-webview` lets us strip, should a <webview> ever get that far. */
export interface WebviewPreferencesLike {
  preload?: string | undefined;
  nodeIntegration?: boolean | undefined;
  contextIsolation?: boolean | undefined;
}
export interface GuardedContentsLike {
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: PreventableLike, url: string) => void,
  ): unknown;
  on(
    event: 'will-attach-webview',
    listener: (
      event: PreventableLike,
      webPreferences: WebviewPreferencesLike,
      params: Record<string, string>,
    ) => void,
  ): unknown;
  setWindowOpenHandler(handler: (details: { readonly url: string }) => { action: 'deny' }): void;
}
export type ContentsCreatedListener = (event: unknown, contents: GuardedContentsLike) => void;
export interface AppLike {
  on(event: 'web-contents-created', listener: ContentsCreatedListener): unknown;
  removeListener(event: 'web-contents-created', listener: ContentsCreatedListener): unknown;
}
export interface PermissionSessionLike {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
}

export interface SecurityOptions {
  readonly app: AppLike;
  readonly session: PermissionSessionLike;
  readonly isOwnPage: (url: string) => boolean;
  /** Where refusals are reported; default console.warn. */
  readonly log?: (message: string) => void;
}

/**
 * Installs the rules. The returned dispose stops guarding contents created afterwards (for
 * tests); the permission handlers stay: putting Electron's grant-by-default back would only
 * ever weaken a running app.
 */
export function setupSecurity(options: SecurityOptions): () => void {
  const { app, session, isOwnPage } = options;
  const log =
    options.log ??
    ((message: string) => {
      console.warn(message);
    });

  const guard: ContentsCreatedListener = (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (isOwnPage(url)) return;
      event.preventDefault();
      log(`security: navigation to ${describe(url)} refused`);
    });
    contents.on('will-redirect', (event, url) => {
      if (isOwnPage(url)) return;
      event.preventDefault();
      log(`security: redirect to ${describe(url)} refused`);
    });
    contents.on('will-attach-webview', (event, webPreferences) => {
      // The board has no <webview>; if one appears, it runs nothing of ours and loads nothing.
      delete webPreferences.preload;
      webPreferences.nodeIntegration = false;
      webPreferences.contextIsolation = true;
      event.preventDefault();
      log('security: <webview> refused');
    });
    contents.setWindowOpenHandler(({ url }) => {
      log(`security: new window for ${describe(url)} refused`);
      return { action: 'deny' };
    });
  };
  app.on('web-contents-created', guard);
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`security: permission "${permission}" refused`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  return () => {
    app.removeListener('web-contents-created', guard);
  };
}

/** Logs name a URL without its query: a page URL may carry a token. */
function describe(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'javascript:' || parsed.protocol === 'data:'
      ? `a ${parsed.protocol} URL`
      : `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return 'a malformed URL';
  }
}
