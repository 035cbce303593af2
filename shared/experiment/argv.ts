/**
 * A tiny argv splitter for run flags, for callers without commander (tests, the
 * simulator): `--name value`, `--name=value`, switches, repeats.
 */
import type { RunFlags } from './types';

/** Split argv (after the scenario) into flags and positional arguments. */
export function flagsFromArgv(argv: readonly string[]): { flags: RunFlags; positional: string[]; errors: string[] } {
  void argv;
  throw new Error('not implemented yet');
}
