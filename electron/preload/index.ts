import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadBridge } from './bridge.js';
import { answerMemoryAsks } from './memory.js';

const noc = createPreloadBridge(ipcRenderer);
contextBridge.exposeInMainWorld('noc', noc);
answerMemoryAsks(ipcRenderer, () => process.getProcessMemoryInfo());

/** The page's view of the preload, derived from what is really exposed. */
export type NocPreload = typeof noc;
