/** Types of executables.js. */
export declare function findExecutable(name: string, extraDirs?: string[]): string | null;
export declare function findMongod(): string | null;
export declare function findGo(): string | null;
export declare function findRedisServer(): string | null;
export declare function findRedisCli(): string | null;
