/**
 * phi = −log10(P(a heartbeat arrives later than `elapsedMs`)) under a normal
 * distribution of inter-arrival times (Hayashibara et al. 2004). As in Akka, the
 * normal tail is taken from the logistic approximation
 * P_later ≈ 1 / (1 + e^{z}), z = y·(1.5976 + 0.070566·y²), y = (elapsed − mean)/σ,
 * which is accurate to about 1e-4 and, written as a softplus, never overflows:
 * phi = softplus(z) / ln 10. (Cassandra fits an exponential instead; the normal fit is
 * the paper's and Akka's.)
 */

const LN10 = Math.log(10);

function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** phi for `elapsedMs` since the last heartbeat, given the fitted mean and standard deviation (ms). */
export function phiOf(elapsedMs: number, meanMs: number, stdDevMs: number): number {
  const y = (elapsedMs - meanMs) / stdDevMs;
  const z = y * (1.5976 + 0.070566 * y * y);
  return softplus(z) / LN10;
}

/**
 * The elapsed time (ms) at which phi reaches `phi` (inverse of `phiOf`): where a
 * detector with that threshold starts suspecting. Found by bisection (phi is
 * strictly increasing in elapsed time).
 */
export function elapsedForPhi(phi: number, meanMs: number, stdDevMs: number): number {
  // softplus(z) = phi·ln10  →  z = ln(e^{phi·ln10} − 1), computed stably.
  const target = phi * LN10;
  const z = target > 30 ? target + Math.log1p(-Math.exp(-target)) : Math.log(Math.expm1(target));
  // Solve y·(1.5976 + 0.070566·y²) = z for y (strictly increasing cubic).
  let lo = -1, hi = 1;
  const f = (y: number): number => y * (1.5976 + 0.070566 * y * y) - z;
  while (f(lo) > 0) lo *= 2;
  while (f(hi) < 0) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(hi)); i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < 0) lo = mid; else hi = mid;
  }
  return meanMs + ((lo + hi) / 2) * stdDevMs;
}
