/** Types of cluster-health.js. */
import type { ClusterLayout } from './cluster-layout';
import type { NodeAddress } from './node-list';

/** `CLUSTER INFO` of one node as an object. */
export declare function clusterInfo(node: NodeAddress): Promise<Record<string, string>>;
/** Why the cluster is not ready, or null when it is. */
export declare function clusterProblem(layout: ClusterLayout): Promise<string | null>;
export declare function waitUntilReady(
  layout: ClusterLayout,
  timeoutMs: number,
  what?: string,
): Promise<void>;
export declare function clusterStatus(layout: ClusterLayout): Promise<{
  nodes: (NodeAddress & { state: string })[];
  problem: string | null;
}>;
