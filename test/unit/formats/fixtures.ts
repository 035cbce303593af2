/** The ShiViz example logs (test/fixtures/shiviz, copied unchanged from the team hand-out) and their README's regex. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FIXTURE_DIR = fileURLToPath(new URL('../../fixtures/shiviz/', import.meta.url));

export function fixture(name: string): string {
  return readFileSync(FIXTURE_DIR + name, 'utf8');
}

export const EWD998_REGEX = String.raw`^State [0-9]+: <(?<event>\w*) .*>\n\/\\ Host = (?<host>.*)\n\/\\ Clock = "(?<clock>.*)"\n\/\\ active = (?<active>.*)\n\/\\ color = (?<color>.*)\n\/\\ counter = (?<counter>.*)`;
export const EWD998_DELIMITER = '^=== (?<trace>.*) ===$';

/** README counts per run: [label prefix, nodes, events, messages, hb_pairs, concurrent_pairs]. */
export const EWD998_RUNS: [string, number, number, number, number, number][] = [
  ['78 actions (EWD998Chan!EWD998!terminationDetected)', 7, 77, 18, 1329, 1597],
  ['249 actions', 5, 248, 73, 25938, 4690],
  ['666 actions', 7, 665, 194, 197298, 23482],
];
