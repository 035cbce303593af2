/**
 * Which senders may talk to the lab over IPC (after VS Code's validatedIpcMain):
 * only the app's own top-level frame, loaded from the app's own files or the
 * dev server. Pure, so it is tested without Electron.
 */
export function isTrustedSenderUrl(url: string, appRootUrl: string, devServerUrl: string | undefined): boolean {
  if (!url) return false;
  if (devServerUrl && url.startsWith(devServerUrl)) return true;
  return url.startsWith(appRootUrl);
}
