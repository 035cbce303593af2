/**
 * Load the `etcd3` client at run time instead of bundling it. The node processes run
 * an esbuild bundle (main/lab/bundle.ts); etcd3 reads its `.proto` files next to its
 * own sources, so it must be required from node_modules, never inlined. Only types
 * are imported statically.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { LeaseStoreError } from '../../shared/lease';

type Etcd3Module = typeof import('etcd3');
let cached: Etcd3Module | null = null;

/**
 * The etcd3 module, resolved from this file (the checkout, or the bundle cache inside
 * its node_modules) or else from the working directory.
 * @throws LeaseStoreError `unavailable` if etcd3 is not installed where we can see it
 */
export function loadEtcd3(): Etcd3Module {
  cached ??= loadNodeModule<Etcd3Module>('etcd3');
  return cached;
}

/**
 * Require a package from node_modules at run time (never bundled), resolved from this
 * file (the checkout, or the bundle cache inside its node_modules) or else from the
 * working directory.
 * @throws LeaseStoreError `unavailable` if it is not installed where we can see it
 */
export function loadNodeModule<T>(name: string): T {
  const errors: string[] = [];
  for (const base of [__filename, join(process.cwd(), 'index.js')]) {
    try {
      return createRequire(base)(name) as T;
    } catch (err) {
      errors.push((err as Error).message.split('\n')[0]);
    }
  }
  throw new LeaseStoreError('unavailable', `${name} is not installed where coordlab can load it: ${errors.join('; ')}`);
}

type CockatielModule = typeof import('cockatiel');

/**
 * The policy library etcd3 itself uses (cockatiel), resolved from etcd3's own folder, to
 * replace etcd3's default fault handling (see `etcdFaultHandling`).
 */
export function loadCockatiel(): CockatielModule {
  const etcd3Main = createRequire(__filename).resolve('etcd3');
  return createRequire(etcd3Main)('cockatiel') as CockatielModule;
}

/**
 * etcd3's fault handling for the lab. The default opens a per-host circuit breaker for
 * 5 s after three failures: with one endpoint, a few calls that miss our short
 * deadlines would block every call for 5 s. Here no breaker (our own deadline bounds
 * each call), and a call that fails recoverably (member down) is retried on another
 * endpoint, within the same deadline.
 */
export function etcdFaultHandling(hosts: number): NonNullable<import('etcd3').IOptions['faultHandling']> {
  const { noop, retry, handleWhen } = loadCockatiel();
  const { isRecoverableError } = loadEtcd3();
  return {
    host: () => noop,
    global: hosts > 1 ? retry(handleWhen(isRecoverableError), { maxAttempts: hosts - 1 }) : noop,
  };
}
