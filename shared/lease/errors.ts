/**
 * Errors a lease store reports, and the validation every store applies to its input.
 * A store never hangs and never fails silently: every failure is one of these codes
 * with a message a user can act on.
 */

/** Why a lease-store call failed. String literals so logs read well. */
export type LeaseErrorCode =
  /** The call got no answer within its deadline. */
  | 'deadline'
  /** The store could not be reached (wrong endpoints, member down, stream lost). */
  | 'unavailable'
  /** The request itself is wrong (TTL ≤ 0, empty key, bad endpoint URL…). */
  | 'invalid-argument'
  /** The store was closed before or during the call. */
  | 'closed'
  /** Anything else the store reported. */
  | 'internal';

/** A failed lease-store call. `code` is for programs, `message` for people. */
export class LeaseStoreError extends Error {
  /** Machine-readable reason. */
  readonly code: LeaseErrorCode;

  constructor(code: LeaseErrorCode, message: string) {
    super(message);
    this.name = 'LeaseStoreError';
    this.code = code;
  }
}

/**
 * Refuse a TTL that cannot make a lease: not a finite number, zero or negative.
 * @throws LeaseStoreError with code `invalid-argument`
 */
export function validateTtlMs(ttlMs: number): void {
  if (typeof ttlMs !== 'number' || !Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw new LeaseStoreError(
      'invalid-argument',
      `lease TTL must be a positive number of milliseconds, got ${String(ttlMs)} ms`,
    );
  }
}

/**
 * Refuse a duration setting (`renewEveryMs`, …) that is not a positive finite number.
 * @throws LeaseStoreError with code `invalid-argument`
 */
export function validatePositiveMs(name: string, ms: number): void {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) {
    throw new LeaseStoreError('invalid-argument', `${name} must be a positive number of milliseconds, got ${String(ms)}`);
  }
}

/**
 * Refuse an empty lease key or an empty holder name.
 * @throws LeaseStoreError with code `invalid-argument`
 */
export function validateName(what: 'key' | 'holder', value: string): void {
  if (typeof value !== 'string' || value.length === 0) {
    throw new LeaseStoreError('invalid-argument', `lease ${what} must be a non-empty string`);
  }
}

/**
 * Refuse a call timeout that is not a positive finite number: every call has a deadline.
 * @throws LeaseStoreError with code `invalid-argument`
 */
export function validateTimeoutMs(timeoutMs: number): void {
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new LeaseStoreError(
      'invalid-argument',
      `every lease-store call needs a deadline: timeoutMs must be a positive number, got ${String(timeoutMs)}`,
    );
  }
}

/** Turn anything thrown into a LeaseStoreError (keeps one that already is). */
export function toLeaseStoreError(err: unknown): LeaseStoreError {
  if (err instanceof LeaseStoreError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new LeaseStoreError('internal', message);
}
