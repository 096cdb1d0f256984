import { contextBridge } from 'electron';

/**
 * The page's only window on the app. It grows into the typed NocBridge (commands and events);
 * for now it tells the page which platform it runs on.
 */
const noc = { platform: process.platform } as const;

contextBridge.exposeInMainWorld('noc', noc);
export type NocPreload = typeof noc;
