/**
 * Map the etcd3 client's errors to `LeaseStoreError`s a user can act on, and run a
 * call under a deadline that holds even if the client keeps retrying.
 */
import { LeaseStoreError, type LeaseErrorCode } from '../../shared/lease';
import { loadEtcd3 } from './etcd3-loader';

/** True if etcd said the lease does not exist (expired or revoked). */
export function isLeaseNotFound(err: unknown): boolean {
  const { EtcdLeaseInvalidError, GRPCNotFoundError } = loadEtcd3();
  if (err instanceof EtcdLeaseInvalidError || err instanceof GRPCNotFoundError) return true;
  return err instanceof Error && /requested lease not found/i.test(err.message);
}

/** Convert anything the etcd3 client throws into a `LeaseStoreError`. */
export function etcdError(op: string, endpoints: readonly string[], err: unknown): LeaseStoreError {
  if (err instanceof LeaseStoreError) return err;
  const { ClientClosedError, GRPCDeadlineExceededError, GRPCInvalidArgumentError, GRPCUnavailableError, GRPCCancelledError } = loadEtcd3();
  const msg = err instanceof Error ? err.message : String(err);
  let code: LeaseErrorCode = 'internal';
  if (err instanceof ClientClosedError) code = 'closed';
  else if (err instanceof GRPCDeadlineExceededError) code = 'deadline';
  else if (err instanceof GRPCInvalidArgumentError) code = 'invalid-argument';
  else if (err instanceof GRPCUnavailableError || err instanceof GRPCCancelledError) code = 'unavailable';
  else if (/circuit|ECONNREFUSED|No connection established|connect|UNAVAILABLE|unavailable/i.test(msg)) code = 'unavailable';
  const hint = /circuit breaker is open/i.test(msg) ? ' (recent calls could not reach etcd; the client waits a few seconds before trying that endpoint again)' : '';
  return new LeaseStoreError(code, `etcd ${op} failed (endpoints ${endpoints.join(', ')}): ${msg}${hint}`);
}

/**
 * Run `fn` with a gRPC deadline and a hard timer: rejects with code `deadline` after
 * `timeoutMs` whatever the client does (a late result is dropped).
 */
export function withDeadline<T>(
  op: string,
  endpoints: readonly string[],
  timeoutMs: number,
  fn: (deadline: Date) => Promise<T>,
): Promise<T> {
  const deadline = new Date(Date.now() + timeoutMs);
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new LeaseStoreError('deadline', `etcd ${op}: no answer within ${timeoutMs} ms from ${endpoints.join(', ')} (is etcd running there?)`));
    }, timeoutMs);
    fn(deadline).then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(etcdError(op, endpoints, err));
      },
    );
  });
}
