/** Types of redis-failover.js. */
import type { ClusterNode } from './cluster-topology';
import type { ClusterLayout } from './cluster-layout';
import type { NodeAddress } from './node-list';

export interface KilledNode extends NodeAddress {
  id: string;
  role: 'primary' | 'replica';
  slots: [number, number][];
  pid: number;
  /** Date.now() at the kill. */
  killedAt: number;
}
export declare function primaryForKey(
  cluster: { nodes: NodeAddress[] },
  key: string,
): Promise<{ slot: number; primary: ClusterNode & { replicas: ClusterNode[] } }>;
export declare function killNode(cluster: ClusterLayout, node: NodeAddress): Promise<KilledNode>;
/** `tookMs` counts from the kill; `primary` is the node now serving the killed primary's slots. */
export declare function waitForFailover(
  cluster: { nodes: NodeAddress[] },
  killed: KilledNode,
  options?: { timeoutMs?: number },
): Promise<{ tookMs: number; primary: ClusterNode | null }>;
/** `tookMs` counts from the restart; `primary` is the node it now replicates. */
export declare function restartNode(
  cluster: ClusterLayout,
  node: NodeAddress,
  options?: { timeoutMs?: number },
): Promise<{ tookMs: number; primary: ClusterNode | null }>;
