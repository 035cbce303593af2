import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createSqliteStoreCore } from '../../../main/lease/sqlite-store-core';
import type { LeaseBody } from '../../../shared/lease';
import type { CoreOutput } from '../../../shared/scenarios/types';
import { tempDir } from '../../helpers/tmp';

const at = (ms: number) => ({ monoMs: ms, wallMs: 0 });
const acquire = (reqId: number, holder: string): LeaseBody => ({ lease: 'request', request: { op: 'acquire', reqId, key: 'leader', holder, ttlMs: 1000 } });
const reply = (out: CoreOutput) => (out.sends?.[0]?.body as Extract<LeaseBody, { lease: 'reply' }>).reply;
const storeLabels = (out: CoreOutput) => (out.events ?? []).map((e) => e.label);

describe('SQLite store node core', () => {
  let tmp: ReturnType<typeof tempDir> | null = null;
  afterEach(() => tmp?.cleanup());

  it('grants, expires on the node clock, keeps revisions across a restart, and gives held leases a full TTL again', async () => {
    tmp = tempDir('coordlab-sqlite-store-');
    const file = join(tmp.dir, 'store.lease.sqlite');
    const a = createSqliteStoreCore({ file, key: 'leader' });
    a.start(at(0));
    const first = a.receive('n1', acquire(1, 'n1'), at(10));
    expect(reply(first)).toMatchObject({ op: 'acquire', acquire: { ok: true, lease: { holder: 'n1', token: 1 } } });
    expect(storeLabels(first)).toEqual(['store: n1 holds leader (token 1)']);
    expect(reply(a.receive('n2', acquire(1, 'n2'), at(20)))).toMatchObject({ acquire: { ok: false, current: { holder: 'n1' } } });
    expect(reply(a.receive('n2', acquire(2, 'n1'), at(30)))).toMatchObject({ error: { code: 'invalid-argument' } }); // only in its own name
    expect(storeLabels(a.tick(at(1011)))).toEqual(['store: leader expired (was n1)']);
    expect(reply(a.receive('n2', acquire(3, 'n2'), at(1100)))).toMatchObject({ acquire: { ok: true, lease: { holder: 'n2', token: 3 } } });
    await a.store.close();

    // The node crashes and restarts: its monotonic clock starts again at 0.
    const b = createSqliteStoreCore({ file, key: 'leader' });
    b.start(at(0));
    expect(b.tick(at(999)).events ?? []).toEqual([]);
    expect(storeLabels(b.tick(at(1001)))).toEqual(['store: leader expired (was n2)']);
    expect(reply(b.receive('n3', acquire(1, 'n3'), at(1002)))).toMatchObject({ acquire: { ok: true, lease: { holder: 'n3', token: 5 } } });
    await b.store.close();
  });
});
