/**
 * Runs every script in testdata/ and compares the trace with the expectation.
 * `UPDATE_GOLDEN=1 npx vitest run test/unit/raft` rewrites the expectations.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTranscript, runTranscript } from './transcript';

const dir = join(__dirname, 'testdata');
const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();

describe('raft transcripts', () => {
  it('has scripts', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const f of files) {
    it(f, () => {
      const path = join(dir, f);
      const text = readFileSync(path, 'utf8');
      const actual = runTranscript(text);
      if (process.env.UPDATE_GOLDEN === '1') {
        writeFileSync(path, actual);
        return;
      }
      expect(actual).toBe(text);
    });
  }
  it('refuses a command without ----', () => {
    expect(() => parseTranscript('campaign n1\nok\n')).toThrow(/must be followed by ----/);
  });
});
