/**
 * A tiny argv splitter for run flags, for callers without commander (tests, the
 * simulator): `--name value`, `--name=value`, switches (`--prevote`, `--no-prevote`),
 * repeats (collected in order).
 */
import { RUN_FLAGS } from './flag-spec';
import type { RunFlags } from './types';

const SWITCHES = new Set([...RUN_FLAGS.filter((f) => f.kind === 'switch').map((f) => f.name), 'json']);

/** Split argv (the scenario may be among the positionals) into flags and positional arguments. */
export function flagsFromArgv(argv: readonly string[]): { flags: RunFlags; positional: string[]; errors: string[] } {
  const flags: Record<string, string | boolean | string[]> = {};
  const positional: string[] = [];
  const errors: string[] = [];
  const put = (name: string, value: string | boolean): void => {
    const prev = flags[name];
    if (prev === undefined) flags[name] = value;
    else if (typeof value === 'string') flags[name] = [...(Array.isArray(prev) ? prev : [String(prev)]), value];
    else flags[name] = value;
  };
  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i];
    if (!tok.startsWith('--') || tok === '--') {
      if (tok !== '--') positional.push(tok);
      continue;
    }
    const eq = tok.indexOf('=');
    const name = tok.slice(2, eq < 0 ? undefined : eq);
    if (eq >= 0) put(name, tok.slice(eq + 1));
    else if (SWITCHES.has(name)) put(name, true);
    else if (name.startsWith('no-') && SWITCHES.has(name.slice(3))) put(name.slice(3), false);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) put(name, argv[++i]);
    else errors.push(`--${name}: needs a value`);
  }
  return { flags, positional, errors };
}
