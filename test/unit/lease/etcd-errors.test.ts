import { describe, expect, it } from 'vitest';
import { GRPCDeadlineExceededError, GRPCUnavailableError, ClientClosedError } from 'etcd3';
import { etcdError, withDeadline } from '../../../main/lease/etcd-errors';
import { parseEtcdEndpoints } from '../../../main/lease/endpoints';
import { LeaseStoreError } from '../../../shared/lease';

const eps = ['http://10.0.0.1:2379'];

describe('etcd error mapping and deadlines', () => {
  it('maps client errors to codes and names the endpoints', () => {
    expect(etcdError('get', eps, new GRPCUnavailableError('14 UNAVAILABLE: x'))).toMatchObject({ code: 'unavailable', message: 'etcd get failed (endpoints http://10.0.0.1:2379): 14 UNAVAILABLE: x' });
    expect(etcdError('get', eps, new GRPCDeadlineExceededError('4 DEADLINE_EXCEEDED'))).toMatchObject({ code: 'deadline' });
    expect(etcdError('get', eps, new ClientClosedError('KV'))).toMatchObject({ code: 'closed' });
    expect(etcdError('get', eps, new Error('Execution prevented because the circuit breaker is open')).message).toMatch(/waits a few seconds/);
    const own = new LeaseStoreError('invalid-argument', 'x');
    expect(etcdError('get', eps, own)).toBe(own);
  });

  it('a call that never answers fails at its deadline, and a late answer is dropped', async () => {
    let late: (v: string) => void = () => undefined;
    const t0 = Date.now();
    const p = withDeadline('acquire', eps, 100, () => new Promise<string>((r) => (late = r)));
    await expect(p).rejects.toMatchObject({ code: 'deadline', message: 'etcd acquire: no answer within 100 ms from http://10.0.0.1:2379 (is etcd running there?)' });
    expect(Date.now() - t0).toBeLessThan(1000); // the 100 ms deadline, not a hang (slack for a loaded machine)
    late('too late');
    expect(await withDeadline('get', eps, 100, async (deadline) => deadline.getTime() - Date.now())).toBeLessThanOrEqual(100);
  });

  it('parses --etcd lists', () => {
    expect(parseEtcdEndpoints(['http://a:1', 'http://b:2/'])).toEqual(['http://a:1', 'http://b:2']);
    expect(() => parseEtcdEndpoints('http://a:1,nonsense')).toThrow(/bad etcd endpoint "nonsense"/);
  });
});
