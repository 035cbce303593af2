import { Command, CommanderError, Option } from 'commander';
import { LabError } from '../store';
import { APP_VERSION } from '../version';
import { COMMANDS } from './commands';
import { defaultContext, type CliContext } from './context';

/** Builds the `coordlab` command line. */
export function buildProgram(ctx: CliContext = defaultContext()): Command {
  const program = new Command('coordlab')
    .description('coordlab: a laboratory for coordination in distributed systems (real processes, real clocks, every event recorded)')
    .version(APP_VERSION, '-V, --version', 'print the version')
    .addOption(new Option('--db <file>', 'SQLite database to use (default: $COORDLAB_DB or the user data folder)'))
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.out(s.replace(/\n$/, '')),
      writeErr: (s) => ctx.err(s.replace(/\n$/, '')),
      outputError: (s, write) => write(oneLine(s)),
    });
  program.hook('preAction', (root, action) => {
    const db = root.opts().db;
    if (db !== undefined && action.getOptionValue('db') === undefined) action.setOptionValue('db', db);
  });
  for (const c of COMMANDS) c.register(program, ctx);
  for (const sub of program.commands) {
    sub.exitOverride().configureOutput(program.configureOutput());
    if (!sub.options.some((o) => o.long === '--db')) sub.addOption(new Option('--db <file>', 'SQLite database to use').hideHelp());
  }
  return program;
}

function oneLine(s: string): string {
  return 'coordlab: ' + s.replace(/^error:\s*/i, '').replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * Runs the CLI and returns the exit code: 0 ok, 1 a check found a violation,
 * 2 bad input (one line on stderr).
 */
export async function runCli(argv: string[], ctx: CliContext = defaultContext()): Promise<number> {
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    if (e instanceof LabError) {
      ctx.err(`coordlab: ${e.message.replace(/\s*\n\s*/g, ' ')}`);
      return e.exitCode;
    }
    ctx.err(`coordlab: internal error: ${(e as Error)?.stack ?? String(e)}`);
    return 3;
  }
}
