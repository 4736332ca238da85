/** Types of tools/lib/index.js (see there). */
export declare const ROOT: string;
export declare function sleep(ms: number): Promise<void>;
export declare function freePort(host?: string): Promise<number>;
export declare function portFree(port: number, host?: string): Promise<boolean>;
export declare function tcpAnswers(port: number, host?: string, timeoutMs?: number): Promise<boolean>;
export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  what?: string;
  output?: () => string;
  alive?: () => boolean;
}
export declare function waitFor<T>(check: () => T | Promise<T>, options?: WaitOptions): Promise<T>;
export declare function waitForHttp(url: string, options?: WaitOptions & { status?: number }): Promise<boolean>;
export interface NodeAddress {
  host: string;
  port: number;
}
export declare function parseNodeList(value: string): NodeAddress[];
export declare function formatNodeList(nodes: NodeAddress[]): string;
export declare function findExecutable(name: string, extraDirs?: string[]): string | null;
export declare function findMongod(): string | null;
export declare function findGo(): string | null;
