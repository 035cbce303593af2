/**
 * Source selection with several servers (RFC 5905 §11.2.1, after Marzullo): each
 * source says the true offset lies in [θ − λ, θ + λ]; find the region covered by the
 * most intervals, require a majority, discard the sources that do not cover it
 * (falsetickers), and pick the survivor with the lowest root distance.
 */

/** One source's current claim. */
export interface SourceClaim {
  source: string;
  offsetMs: number;
  /** Root distance λ in ms (half-width of the correctness interval). */
  distanceMs: number;
}

/** Outcome of selection. */
export interface SelectionResult {
  /** The chosen source, or null when no majority agrees. */
  chosen: SourceClaim | null;
  truechimers: SourceClaim[];
  falsetickers: SourceClaim[];
  /** The intersection region [lo, hi] in ms, or null. */
  intersectionMs: [number, number] | null;
  /** Why nothing was chosen, when nothing was. */
  reason?: string;
}

/** Select among claims; ties in distance go to the earlier claim. */
export function selectSources(claims: readonly SourceClaim[]): SelectionResult {
  if (claims.length === 0) return { chosen: null, truechimers: [], falsetickers: [], intersectionMs: null, reason: 'no sources' };
  // Sweep over interval endpoints; starts sort before ends at the same point so touching intervals intersect.
  const edges: { at: number; delta: 1 | -1 }[] = [];
  for (const c of claims) {
    edges.push({ at: c.offsetMs - c.distanceMs, delta: 1 }, { at: c.offsetMs + c.distanceMs, delta: -1 });
  }
  edges.sort((a, b) => a.at - b.at || b.delta - a.delta);
  let count = 0;
  let best = 0;
  let lo = NaN;
  let hi = NaN;
  for (let i = 0; i < edges.length; i++) {
    count += edges[i].delta;
    if (edges[i].delta === 1 && count > best) {
      best = count;
      lo = edges[i].at;
      hi = edges[i + 1].at;
    }
  }
  const majority = Math.floor(claims.length / 2) + 1;
  if (best < majority) {
    return { chosen: null, truechimers: [], falsetickers: [...claims], intersectionMs: null, reason: `no majority: at most ${best} of ${claims.length} sources agree` };
  }
  const covers = (c: SourceClaim): boolean => c.offsetMs - c.distanceMs <= lo && c.offsetMs + c.distanceMs >= hi;
  const truechimers = claims.filter(covers);
  const falsetickers = claims.filter((c) => !covers(c));
  let chosen = truechimers[0];
  for (const c of truechimers) if (c.distanceMs < chosen.distanceMs) chosen = c;
  return { chosen, truechimers, falsetickers, intersectionMs: [lo, hi] };
}
