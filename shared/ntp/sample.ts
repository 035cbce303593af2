/** One accepted NTP exchange, as the filter, selection and discipline see it. */
export interface NtpSample {
  /** Which source it came from (e.g. `127.0.0.1:123`). */
  source: string;
  /** θ in ms: how far the server's clock is ahead of the client's (disciplined) clock. */
  offsetMs: number;
  /** δ in ms: round-trip delay excluding the server's hold time. */
  delayMs: number;
  /** ε in ms: dispersion of this sample (precision + tolerance over the exchange). */
  dispersionMs: number;
  /** Server's root delay and dispersion in ms (its distance to a primary reference). */
  rootDelayMs: number;
  rootDispersionMs: number;
  stratum: number;
  /** Server's reference id (raw 32 bits; see `referenceIdText`). */
  referenceId: number;
  /** Server's precision exponent (log2 s, signed). */
  precisionLog2: number;
  /** Client clock reading (ms) when the reply arrived (T4). */
  atMs: number;
  /** The four timestamps, kept for the record. */
  t1Ms: number;
  t2Ms: number;
  t3Ms: number;
  t4Ms: number;
}

/** Why an exchange was refused. `kind` is a stable tag for tests and analysis. */
export interface NtpRejection {
  source: string;
  kind: 'timeout' | 'garbage' | 'unsolicited' | 'unsynchronized' | 'kiss-of-death' | 'absurd' | 'distance' | 'network';
  /** One human-readable line. */
  reason: string;
  atMs: number;
}

/** Either an accepted sample or a rejection. */
export type NtpExchangeResult = { ok: true; sample: NtpSample } | { ok: false; rejection: NtpRejection };
