/**
 * Fair-loss link: each frame handed to it is lost with probability `lossProb`, and a
 * frame that gets through is duplicated with probability `dupProb`. A sender that keeps
 * retransmitting gets through eventually (loss < 1). Seeded, so runs replay.
 */
import type { Rng } from '../rng';

/** Fair-loss parameters. */
export interface FairLossConfig {
  /** Probability a frame is lost, in [0, 1). */
  lossProb: number;
  /** Probability a delivered frame arrives twice, in [0, 1]. */
  dupProb: number;
}

/** Validate; one line per problem. */
export function validateFairLoss(cfg: FairLossConfig): FairLossConfig {
  if (!(cfg.lossProb >= 0 && cfg.lossProb < 1)) throw new RangeError(`fair-loss link: lossProb must be in [0, 1), got ${cfg.lossProb}`);
  if (!(cfg.dupProb >= 0 && cfg.dupProb <= 1)) throw new RangeError(`fair-loss link: dupProb must be in [0, 1], got ${cfg.dupProb}`);
  return cfg;
}

/** The lossy channel itself. */
export class FairLossLink {
  readonly config: FairLossConfig;
  /** Counters for the record. */
  readonly stats = { sent: 0, lost: 0, duplicated: 0 };

  constructor(config: FairLossConfig, private readonly rng: Rng) {
    this.config = validateFairLoss({ ...config });
  }

  /** The copies of `frame` that arrive: none, one or two. */
  transmit<F>(frame: F): F[] {
    this.stats.sent++;
    if (this.rng.chance(this.config.lossProb)) {
      this.stats.lost++;
      return [];
    }
    if (this.rng.chance(this.config.dupProb)) {
      this.stats.duplicated++;
      return [frame, frame];
    }
    return [frame];
  }
}
