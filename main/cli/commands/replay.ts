import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import type { LabEvent } from '../../../shared/events';
import { LabError } from '../../store';
import type { CliContext, DbOption } from '../context';

/** Parses `--speed`: a positive factor, or `max` (no pacing). */
export function parseSpeed(text: string): number {
  if (text === 'max') return Infinity;
  const v = Number(text);
  if (!/^\s*\d*\.?\d+(e[+-]?\d+)?\s*$/i.test(text) || !Number.isFinite(v) || v <= 0) throw new LabError(`--speed must be a number above 0 (e.g. 4, 0.5) or 'max', got '${text}'`);
  return v;
}

/** One replay line: offset from the first event, node, seq, kind, message, clocks, label. */
export function replayLine(e: LabEvent, offsetMs: number | null): string {
  const at = offsetMs === null ? '' : `+${(offsetMs / 1000).toFixed(3)}s `;
  const msg = e.msg ? ` ${e.msg}${e.peer ? (e.kind === 'receive' ? ` ← ${e.peer}` : ` → ${e.peer}`) : ''}` : '';
  return `${at}${e.node} #${e.seq} ${e.kind}${msg} L${e.lamport} ${JSON.stringify(e.vclock)}${e.label ? ` ${e.label}` : ''}`;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('replay <run>')
    .description("print a run's events in recorded order, paced by their recorded time ('last' = newest run)")
    .option('--speed <x>', "replay speed factor (2 = twice as fast), or 'max' for no pacing", '1')
    .option('--json', 'print each event as one JSON line')
    .action(async (ref: string, opts: DbOption & { speed: string; json?: boolean }) => {
      const speed = parseSpeed(opts.speed);
      // `coordlab replay … | head`: a reader that goes away ends the replay quietly.
      process.stdout.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EPIPE') process.exit(0);
      });
      const store = ctx.openStore(opts, { readonly: true });
      try {
        const run = store.resolveRun(ref);
        const started = performance.now();
        let firstRef: number | null = null;
        let n = 0;
        for (const e of store.iterateEvents(run)) {
          const t = e.ref_ms ?? e.wall_ms;
          if (firstRef === null && t !== null) firstRef = t;
          const offset = t !== null && firstRef !== null ? t - firstRef : null;
          if (offset !== null && speed !== Infinity) {
            const waitMs = offset / speed - (performance.now() - started);
            if (waitMs > 1) await sleep(waitMs);
          }
          ctx.out(opts.json ? JSON.stringify(e) : replayLine(e, offset));
          n++;
        }
        if (!opts.json) ctx.err(`coordlab: replayed ${n} events of ${run} at ${speed === Infinity ? 'max' : `${speed}×`} speed`);
      } finally {
        store.close();
      }
    });
}
