/** Types of tools/lib/index.js: one .d.ts per module, beside it. */
export * from './paths';
export * from './wait';
export * from './ports';
export * from './node-list';
export * from './executables';
export * from './errors';
export * from './processes';
export * from './redis-client';
export * from './ferretdb';
export * from './cluster-topology';
export * from './cluster-layout';
export * from './cluster-health';
export * from './redis-cluster';
export * from './redis-failover';
