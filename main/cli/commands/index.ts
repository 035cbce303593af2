import type { Command } from 'commander';
import type { CliContext } from '../context';
import * as runs from './runs';
import * as show from './show';
import * as serve from './serve';
import * as run from './run';
import * as replay from './replay';
import * as analyze from './analyze';
import * as importCmd from './import';
import * as exportCmd from './export';
import * as check from './check';
import * as bench from './bench';

/** Every command module registers itself here; later issues append theirs. */
export const COMMANDS: Array<{ register(program: Command, ctx: CliContext): void }> = [runs, show, serve, run, replay, analyze, importCmd, exportCmd, check, bench];
