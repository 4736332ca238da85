/** Types of redis-cluster.js. */
import type { Log } from './log';
import type { NodeAddress } from './node-list';

export interface ClusterOptions {
  /** Loopback address of every node (default 127.0.0.1). */
  host?: string;
  /** First of the consecutive ports; startCluster picks free ones when it is not given. */
  firstPort?: number;
  /** At least 3 (default 3). */
  primaries?: number;
  /** Default 1. */
  replicasPerPrimary?: number;
  /** cluster-node-timeout: how long a node may be silent before failover starts (default 3000). */
  nodeTimeoutMs?: number;
  /** Node folders are `<dataDir>/<port>/` (default `.data/redis-cluster`). */
  dataDir?: string;
}
export interface ClusterLayout extends Required<ClusterOptions> {
  ports: number[];
  nodes: NodeAddress[];
  /** `host:port,...` for REDIS_CLUSTER_NODES. */
  nodeList: string;
}
export interface LocalCluster extends ClusterLayout {
  /** False when a ready cluster was found and reused as it was. */
  started: boolean;
}
export declare const DEFAULT_FIRST_PORT: number;
export declare const CLUSTER_DATA_DIR: string;
export declare function clusterLayout(options?: ClusterOptions): ClusterLayout;
/** A first port such that `count` consecutive ports and their bus ports (+10000) are free. */
export declare function freeClusterPorts(
  count: number,
  options?: { host?: string; from?: number; to?: number; attempts?: number },
): Promise<number>;
/** Why the cluster is not ready, or null when it is. */
export declare function clusterProblem(layout: ClusterLayout): Promise<string | null>;
export declare function waitUntilReady(
  layout: ClusterLayout,
  timeoutMs: number,
  what?: string,
): Promise<void>;
export declare function ensureCluster(
  layout: ClusterLayout,
  options?: { log?: Log },
): Promise<{ started: boolean }>;
export declare function startCluster(
  options?: ClusterOptions & { log?: Log },
): Promise<LocalCluster>;
/** Resolves how many nodes were running and were stopped. */
export declare function stopCluster(
  cluster: ClusterLayout | ClusterOptions,
  options?: { removeData?: boolean; log?: Log },
): Promise<number>;
export declare function clusterStatus(layout: ClusterLayout): Promise<{
  nodes: (NodeAddress & { state: string })[];
  problem: string | null;
}>;
