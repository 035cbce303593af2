/**
 * The on-wire arithmetic of RFC 5905 §8, in milliseconds. T1 = client transmit,
 * T2 = server receive, T3 = server transmit, T4 = client receive. T1/T4 are read on
 * the client's clock, T2/T3 on the server's.
 */

/** Frequency tolerance φ of RFC 5905: 15 ppm. */
export const NTP_TOLERANCE_PPM = 15;

/** The four timestamps of one exchange, Unix ms (fractional). */
export interface ExchangeTimesMs {
  t1Ms: number;
  t2Ms: number;
  t3Ms: number;
  t4Ms: number;
}

/** Clock offset θ = ((T2 − T1) + (T3 − T4)) / 2: how far the server is ahead of the client. */
export function offsetMs({ t1Ms, t2Ms, t3Ms, t4Ms }: ExchangeTimesMs): number {
  return ((t2Ms - t1Ms) + (t3Ms - t4Ms)) / 2;
}

/** Round-trip delay δ = (T4 − T1) − (T3 − T2): time on the wire, server hold time excluded. */
export function delayMs({ t1Ms, t2Ms, t3Ms, t4Ms }: ExchangeTimesMs): number {
  return (t4Ms - t1Ms) - (t3Ms - t2Ms);
}

/** 2^log2 seconds in ms (a precision exponent as a duration). */
export function precisionMs(precisionLog2: number): number {
  return 2 ** precisionLog2 * 1000;
}

/**
 * Sample dispersion ε = ρ_server + ρ_client + φ·(T4 − T1) (RFC 5905 §8): the error
 * bound from both clocks' precision plus the frequency tolerance over the exchange.
 */
export function dispersionMs(times: ExchangeTimesMs, serverPrecisionLog2: number, clientPrecisionLog2: number): number {
  return precisionMs(serverPrecisionLog2) + precisionMs(clientPrecisionLog2) + (NTP_TOLERANCE_PPM * 1e-6) * Math.max(0, times.t4Ms - times.t1Ms);
}

/**
 * Root synchronization distance λ = (δ_root + δ)/2 + ε_root + ε + jitter (RFC 5905 §11.2):
 * the half-width of the interval the true time lies in, as seen through this source.
 */
export function rootDistanceMs(s: { delayMs: number; dispersionMs: number; rootDelayMs: number; rootDispersionMs: number; jitterMs?: number }): number {
  return (Math.max(0, s.rootDelayMs) + Math.max(0, s.delayMs)) / 2 + s.rootDispersionMs + s.dispersionMs + (s.jitterMs ?? 0);
}
