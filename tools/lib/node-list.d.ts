/** Types of node-list.js. */
export interface NodeAddress {
  host: string;
  port: number;
}
export declare function parseNodeList(value: string): NodeAddress[];
export declare function formatNode(node: NodeAddress): string;
export declare function formatNodeList(nodes: NodeAddress[]): string;
