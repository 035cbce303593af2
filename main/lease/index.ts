/** Lease stores and the real-time drivers of the lease scenario (issue 8). */
export * from './embedded';
export * from './etcd';
export * from './endpoints';
export * from './open';
export * from './service';
export * from './node-driver';
export * from './leader-writer';
export { etcdError, withDeadline } from './etcd-errors';
