/**
 * The preload of the sandboxed renderer: exposes exactly `window.lab` (LabApi)
 * through contextBridge. Only `lab:` channels of LAB_METHODS are reachable; no
 * raw ipcRenderer is handed to the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { LAB_LIVE_CHANNEL, LAB_MENU_CHANNEL, LAB_METHODS, LAB_SUBSCRIBE_CHANNEL, LAB_UNSUBSCRIBE_CHANNEL, labChannel, type LabApi, type LiveBatch, type MenuAction } from '../../shared/api';

let nextSub = 1;
const listeners = new Map<number, (b: LiveBatch) => void>();
ipcRenderer.on(LAB_LIVE_CHANNEL, (_e, sub: number, batch: LiveBatch) => listeners.get(sub)?.(batch));

const api: Record<string, unknown> = {};
for (const m of LAB_METHODS) api[m] = (...args: unknown[]) => ipcRenderer.invoke(labChannel(m), ...args);
api.subscribe = ((run: string, listener: (b: LiveBatch) => void) => {
  const sub = nextSub++;
  listeners.set(sub, listener);
  ipcRenderer.send(LAB_SUBSCRIBE_CHANNEL, sub, run);
  return () => {
    listeners.delete(sub);
    ipcRenderer.send(LAB_UNSUBSCRIBE_CHANNEL, sub);
  };
}) satisfies LabApi['subscribe'];

const menuListeners = new Set<(r: MenuAction) => void>();
ipcRenderer.on(LAB_MENU_CHANNEL, (_e, request: MenuAction) => menuListeners.forEach((l) => l(request)));
api.onMenu = ((listener: (r: MenuAction) => void) => {
  menuListeners.add(listener);
  return () => menuListeners.delete(listener);
}) satisfies NonNullable<LabApi['onMenu']>;

contextBridge.exposeInMainWorld('lab', api);
