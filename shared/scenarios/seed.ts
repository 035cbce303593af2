/** Seeds derived from the run seed, so every node's randomness replays. */
import { seedToInt } from '../rng';

/** The seed of node `node`'s core generator in a run seeded `runSeed`, for its incarnation. */
export function nodeSeed(runSeed: number, node: string, incarnation = 0): number {
  return (seedToInt(`${runSeed}/${node}/${incarnation}`) ^ seedToInt(runSeed)) >>> 0;
}
