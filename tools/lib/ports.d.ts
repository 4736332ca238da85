/** Types of ports.js. */
export declare function freePort(host?: string): Promise<number>;
export declare function portFree(port: number, host?: string): Promise<boolean>;
export declare function tcpAnswers(
  port: number,
  host?: string,
  timeoutMs?: number,
): Promise<boolean>;
