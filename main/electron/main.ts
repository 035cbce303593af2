/**
 * The Electron shell: thin on purpose. It opens the lab's store, serves LabApi
 * over validated `lab:` IPC channels, and shows the same renderer that
 * `coordlab serve` shows in a browser. Security follows Electron's checklist
 * (see STYLE.md 5); electronegativity checks it in the test suite.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, screen, session, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LAB_MENU_CHANNEL, LAB_METHODS, LAB_SUBSCRIBE_CHANNEL, LAB_UNSUBSCRIBE_CHANNEL, LAB_LIVE_CHANNEL, labChannel, type MenuAction } from '../../shared/api';
import { LabService } from '../api/lab-service';
import { defaultDbPath, Store } from '../store';
import { isTrustedSenderUrl } from './ipc-guard';
import { parseWindowState, restoreBounds, MIN_SIZE, type WindowState } from './window-bounds';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
// Lab nodes run the prebuilt node entry next to this file (no esbuild in a packaged app).
if (!process.env.COORDLAB_NODE_ENTRY && existsSync(join(__dirname, 'node-entry.js'))) process.env.COORDLAB_NODE_ENTRY = join(__dirname, 'node-entry.js');
const rendererIndex = join(__dirname, '../renderer/index.html');
const appRootUrl = pathToFileURL(join(__dirname, '..') + '/').href;

/** better-sqlite3 built for Electron's ABI, fetched best-effort by scripts/electron-native.js. */
function nativeBinding(): string | undefined {
  const candidates = [
    join(process.resourcesPath ?? '', 'app.asar.unpacked', '.electron-native', 'better_sqlite3.node'),
    join(__dirname, '..', '..', '.electron-native', 'better_sqlite3.node'),
  ];
  return candidates.find((p) => existsSync(p));
}

function validSender(e: IpcMainEvent | IpcMainInvokeEvent): boolean {
  const frame = e.senderFrame;
  return !!frame && frame === e.sender.mainFrame && isTrustedSenderUrl(frame.url, appRootUrl, devServerUrl);
}

function serveLabApi(service: LabService): void {
  for (const m of LAB_METHODS) {
    ipcMain.handle(labChannel(m), (e, ...args: unknown[]) => {
      if (!validSender(e)) throw new Error(`refused ${labChannel(m)} from an untrusted frame`);
      return (service[m] as (...a: unknown[]) => Promise<unknown>).apply(service, args);
    });
  }
  const subs = new Map<string, () => void>();
  ipcMain.on(LAB_SUBSCRIBE_CHANNEL, (e, sub: unknown, run: unknown) => {
    if (!validSender(e) || typeof sub !== 'number' || typeof run !== 'string') return;
    const key = `${e.sender.id}:${sub}`;
    subs.set(key, service.subscribe(run, (batch) => !e.sender.isDestroyed() && e.sender.send(LAB_LIVE_CHANNEL, sub, batch)));
    e.sender.once('destroyed', () => {
      subs.get(key)?.();
      subs.delete(key);
    });
  });
  ipcMain.on(LAB_UNSUBSCRIBE_CHANNEL, (e, sub: unknown) => {
    if (!validSender(e)) return;
    const key = `${e.sender.id}:${sub}`;
    subs.get(key)?.();
    subs.delete(key);
  });
}

function windowStateFile(): string {
  return join(app.getPath('userData'), 'window-state.json');
}

function createWindow(): BrowserWindow {
  const saved = parseWindowState(existsSync(windowStateFile()) ? readFileSync(windowStateFile(), 'utf8') : null);
  const primary = screen.getPrimaryDisplay().workArea;
  const bounds = restoreBounds(saved, screen.getAllDisplays().map((d) => d.workArea), primary);
  const win = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'coordlab',
    backgroundColor: '#0f1419',
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (saved?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  const save = () => {
    const state: WindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    mkdirSync(app.getPath('userData'), { recursive: true });
    writeFileSync(windowStateFile(), JSON.stringify(state));
  };
  win.on('close', save);
  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(rendererIndex);
  return win;
}

/** Largest log the Import menu reads into memory (the CLI's limit too). */
const IMPORT_MAX_BYTES = 256 * 1024 * 1024;

function tell(request: MenuAction): void {
  const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  win?.webContents.send(LAB_MENU_CHANNEL, request);
}

/** File → Import log…: the file is read here in main and imported like `coordlab import`. */
async function importFromMenu(service: LabService): Promise<void> {
  const picked = await dialog.showOpenDialog({
    title: 'Import event logs',
    properties: ['openFile', 'multiSelections'],
    filters: [{ name: 'Event logs', extensions: ['log', 'txt', 'jsonl'] }, { name: 'All files', extensions: ['*'] }],
  });
  if (picked.canceled) return;
  const lines: string[] = [];
  for (const file of picked.filePaths) {
    try {
      if (statSync(file).size > IMPORT_MAX_BYTES) throw new Error(`larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MiB; use coordlab import`);
      const format = file.endsWith('.jsonl') ? 'jsonl' : undefined;
      const res = await service.importLog(basename(file), readFileSync(file, 'utf8'), format ? { format } : undefined);
      lines.push(`${basename(file)}: ${res.runs.map((r) => `${r.label} (${r.events} events)`).join(', ')}`);
    } catch (e) {
      lines.push(`${basename(file)}: not imported: ${(e as Error).message}`);
    }
  }
  tell({ action: 'show-runs' });
  await dialog.showMessageBox({ message: 'Import', detail: lines.join('\n') });
}

function buildMenu(dbPath: string, service: LabService): void {
  const template: Electron.MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        { label: 'Import log…', accelerator: 'CmdOrCtrl+O', click: () => void importFromMenu(service) },
        { label: 'Export run…', accelerator: 'CmdOrCtrl+E', click: () => tell({ action: 'export-current' }) },
        { type: 'separator' },
        { label: `Database: ${dbPath}`, enabled: false },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    { label: 'View', submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
    {
      label: 'Help',
      submenu: [
        { label: 'About coordlab', click: () => void dialog.showMessageBox({ message: `coordlab ${app.getVersion()}`, detail: 'A laboratory for coordination in distributed systems.' }) },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function harden(): void {
  // The renderer's CSP (renderer/index.html carries the same policy for file:// loads).
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': ["default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (ev) => ev.preventDefault());
    contents.on('will-navigate', (ev, url) => {
      if (!isTrustedSenderUrl(url, appRootUrl, devServerUrl)) ev.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

app.whenReady().then(
  () => {
    harden();
    let store: Store;
    try {
      store = new Store(defaultDbPath(), { nativeBinding: nativeBinding() });
    } catch (e) {
      dialog.showErrorBox('coordlab cannot open its database', `${(e as Error).message}\n\nThe same lab runs in a browser with: npm run serve`);
      app.exit(2);
      return;
    }
    const service = new LabService(store, undefined, 'electron');
    serveLabApi(service);
    buildMenu(store.path, service);
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
    // Runs started from the UI end as 'stopped' (not 'interrupted') when the app quits.
    let stopping = false;
    app.on('before-quit', (ev) => {
      if (stopping) return;
      stopping = true;
      ev.preventDefault();
      void service.runner.stopAll().finally(() => {
        store.close();
        app.quit();
      });
    });
  },
  (e) => {
    process.stderr.write(`coordlab: ${(e as Error).message}\n`);
    app.exit(1);
  },
);

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
