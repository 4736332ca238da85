/** Types of cluster-topology.js. */
import type { NodeAddress } from './node-list';

/** One node of `CLUSTER NODES`. */
export interface ClusterNode extends NodeAddress {
  id: string;
  busPort: number | null;
  flags: string[];
  myself: boolean;
  role: 'primary' | 'replica';
  primaryId: string | null;
  /** Flagged `fail` or `fail?` by the node that was asked. */
  failing: boolean;
  connected: boolean;
  /** Inclusive `[start, end]` slot ranges (primaries only). */
  slots: [number, number][];
}
export interface ClusterPrimary extends ClusterNode {
  replicas: ClusterNode[];
}
export interface ClusterTopology {
  nodes: ClusterNode[];
  /** Primaries serving slots, ordered by their first slot. */
  primaries: ClusterPrimary[];
}
export declare function parseClusterNodes(text: string): ClusterNode[];
export declare function servesSlot(node: Pick<ClusterNode, 'slots'>, slot: number): boolean;
export declare function groupTopology(nodes: ClusterNode[]): ClusterPrimary[];
export declare function clusterNodes(node: NodeAddress): Promise<ClusterNode[]>;
/** Asks the first node of the list (or of `cluster.nodes`) that answers. */
export declare function clusterTopology(
  from: NodeAddress | NodeAddress[] | { nodes: NodeAddress[] },
): Promise<ClusterTopology>;
