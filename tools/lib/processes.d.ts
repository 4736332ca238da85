/** Types of processes.js. */
export declare function pidAlive(pid: number): boolean;
export declare function pidRuns(pid: number, name: string): boolean;
export declare function readPid(file: string): number;
export declare function tailFile(file: string, lines?: number): string;
export declare function waitForExit(pid: number, timeoutMs?: number): Promise<boolean>;
export declare function terminate(
  pid: number,
  options?: { signal?: NodeJS.Signals; timeoutMs?: number },
): Promise<boolean>;
