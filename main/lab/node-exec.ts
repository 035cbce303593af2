/**
 * How main starts a plain-Node child. Under Electron, `process.execPath` is the
 * Electron binary: ELECTRON_RUN_AS_NODE makes it behave as Node for the child.
 */
export function nodeChildEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return process.versions.electron ? { ...env, ELECTRON_RUN_AS_NODE: '1' } : env;
}
