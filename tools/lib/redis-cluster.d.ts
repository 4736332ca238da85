/** Types of redis-cluster.js. */
import type { ClusterLayout, ClusterOptions } from './cluster-layout';
import type { Log } from './log';

export interface LocalCluster extends ClusterLayout {
  /** False when a ready cluster was found and reused as it was. */
  started: boolean;
}
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
