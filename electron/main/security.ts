import { app, session } from 'electron';

/**
 * Electron's security checklist, applied to every window the app will ever open: no navigation
 * away from our pages, no new windows, and every permission request denied.
 */
export function setupSecurity(isOwnPage: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isOwnPage(url)) event.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(false);
  });
  session.defaultSession.setPermissionCheckHandler(() => false);
}
