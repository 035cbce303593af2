/** Parse and check the `--etcd URL[,URL]` endpoint list. */
import { LeaseStoreError } from '../../shared/lease';

/**
 * Split and validate etcd client URLs (`http://host:port` or `https://…`).
 * @throws LeaseStoreError `invalid-argument` naming the bad entry
 */
export function parseEtcdEndpoints(spec: string | readonly string[]): string[] {
  const parts = (typeof spec === 'string' ? spec.split(',') : [...spec]).map((s) => s.trim()).filter((s) => s.length > 0);
  if (parts.length === 0) throw new LeaseStoreError('invalid-argument', 'no etcd endpoints given (expected e.g. http://127.0.0.1:2379)');
  return parts.map((p) => {
    let url: URL;
    try {
      url = new URL(p);
    } catch {
      throw new LeaseStoreError('invalid-argument', `bad etcd endpoint "${p}": expected a URL like http://127.0.0.1:2379`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new LeaseStoreError('invalid-argument', `bad etcd endpoint "${p}": the scheme must be http or https`);
    }
    if (!url.hostname || !url.port) {
      throw new LeaseStoreError('invalid-argument', `bad etcd endpoint "${p}": give a host and a port, e.g. http://127.0.0.1:2379`);
    }
    return `${url.protocol}//${url.host}`;
  });
}
