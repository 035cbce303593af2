import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../main/store';
import { cli } from '../helpers/cli';
import { ev } from '../helpers/events';
import { tempDir } from '../helpers/tmp';
import pkg from '../../package.json';

describe('coordlab CLI: foundation commands', () => {
  const t = tempDir();
  const db = join(t.dir, 'lab.db');
  let runId: string;

  beforeAll(() => {
    const s = new Store(db);
    runId = s.createRun({ scenario: 'causality', label: 'first', nodes: ['n1', 'n2'] }).run;
    s.appendEvents(runId, [ev('n1', 1), ev('n2', 1)]);
    s.finishRun(runId, 'done');
    s.close();
  });
  afterAll(() => t.cleanup());

  it('--version and --help', () => {
    expect(cli(['--version']).stdout.trim()).toBe(pkg.version);
    const help = cli(['--help']);
    expect(help.code).toBe(0);
    for (const c of ['runs', 'show', 'serve']) expect(help.stdout).toContain(c);
  });

  it('runs --json prints the contract fields', () => {
    const r = cli(['runs', '--db', db, '--json']);
    expect(r.code).toBe(0);
    const runs = JSON.parse(r.stdout);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ run: runId, label: 'first', scenario: 'causality', events: 2, status: 'done' });
  });

  it('the global --db before the command works too, and COORDLAB_DB', () => {
    expect(JSON.parse(cli(['--db', db, 'runs', '--json']).stdout)[0].run).toBe(runId);
    expect(JSON.parse(cli(['runs', '--json'], { env: { COORDLAB_DB: db } }).stdout)[0].run).toBe(runId);
  });

  it('show accepts a prefix or last, and prints JSON', () => {
    const r = cli(['show', 'last', '--db', db, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ run: runId, nodes: ['n1', 'n2'], events: 2 });
    const human = cli(['show', runId.slice(0, 12), '--db', db]);
    expect(human.stdout).toContain(`run       ${runId}`);
    expect(human.stdout).toMatch(/n2\s+1\s+local/);
  });

  it('bad input: one line on stderr, exit 2', () => {
    for (const args of [['show', 'nope', '--db', db], ['runs', '--nonsense'], ['runs', '--limit', 'x', '--db', db], ['frobnicate'], ['serve', '--port', '99999', '--db', db]]) {
      const r = cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(/^coordlab: /);
    }
  });

  it('a file that is not a coordlab database is refused and left as it was', () => {
    const notes = join(t.dir, 'notes.db');
    writeFileSync(notes, 'precious notes\n');
    const before = createHash('sha256').update(readFileSync(notes)).digest('hex');
    const r = cli(['runs', '--db', notes]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a coordlab database');
    expect(createHash('sha256').update(readFileSync(notes)).digest('hex')).toBe(before);
  });
});
