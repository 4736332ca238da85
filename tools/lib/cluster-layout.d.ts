/** Types of cluster-layout.js. */
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
export declare const DEFAULT_FIRST_PORT: number;
export declare const CLUSTER_DATA_DIR: string;
export declare function clusterLayout(options?: ClusterOptions): ClusterLayout;
/** A first port such that `count` consecutive ports and their bus ports (+10000) are free. */
export declare function freeClusterPorts(
  count: number,
  options?: { host?: string; from?: number; to?: number; attempts?: number },
): Promise<number>;
