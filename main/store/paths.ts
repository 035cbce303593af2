import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The default database: `$COORDLAB_DB`, else the platform's user data folder
 * (`$XDG_DATA_HOME/coordlab/lab.db` on Linux, `~/Library/Application Support/coordlab`
 * on macOS, `%APPDATA%\coordlab` on Windows).
 */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.COORDLAB_DB) return env.COORDLAB_DB;
  return join(userDataDir(env, platform), 'lab.db');
}

export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = env.HOME || homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'coordlab');
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'coordlab');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'coordlab');
}
