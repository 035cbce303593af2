/**
 * A progress bar on stderr: redrawn in place on a terminal, a line every 10% otherwise
 * (so logs of a long run stay short). Never on stdout, which `--json` owns.
 */

/** Reports `done` of `total`; call `end()` once finished. */
export interface Progress {
  tick(label: string, done: number, total: number): void;
  end(): void;
}

/** A progress bar writing to `write` (stderr); `tty` redraws one line in place. */
export function progressBar(write: (s: string) => void, tty: boolean): Progress {
  let lastPct = -1;
  let drawn = false;
  const startMs = performance.now();
  return {
    tick(label, done, total) {
      const pct = Math.floor((100 * done) / total);
      if (tty ? pct === lastPct && done !== total : Math.floor(pct / 10) === Math.floor(lastPct / 10)) return;
      lastPct = pct;
      const bar = '#'.repeat(Math.floor(pct / 4)).padEnd(25, '.');
      const secs = ((performance.now() - startMs) / 1000).toFixed(0);
      const line = `${label} [${bar}] ${String(pct).padStart(3)}% ${done}/${total} trials, ${secs} s`;
      if (tty) {
        write(`\r${line}\x1b[K`);
        drawn = true;
      } else write(`${line}\n`);
    },
    end() {
      if (drawn) write('\n');
      drawn = false;
    },
  };
}
