/**
 * Test hooks: make a node misbehave on purpose, so tests can check that the lab
 * records it as crashed and goes on. Set by the environment variable
 * `COORDLAB_MISBEHAVE`, e.g. `n2:garbage@300,n3:hang@500,n4:exit@200` (ms after go).
 */

/** What a node can be told to do wrong. */
export type Misbehaviour = 'garbage' | 'hang' | 'exit';

/** The misbehaviour planned for `node`, if any. */
export function plannedMisbehaviour(env: string | undefined, node: string): { how: Misbehaviour; atMs: number } | null {
  if (!env) return null;
  for (const part of env.split(',')) {
    const m = /^([^:]+):(garbage|hang|exit)@(\d+)$/.exec(part.trim());
    if (m && m[1] === node) return { how: m[2] as Misbehaviour, atMs: Number(m[3]) };
  }
  return null;
}

/** Carries out a misbehaviour. `writeRaw` writes bytes on the channel, bypassing the framing. */
export function misbehave(how: Misbehaviour, writeRaw: (text: string) => void): void {
  if (how === 'garbage') writeRaw('\u0000\u0001 this is not JSON {{{\n');
  else if (how === 'exit') process.exit(3);
  else for (;;) {
    // Hang: a busy loop that never yields (no heartbeats, no batches).
  }
}
