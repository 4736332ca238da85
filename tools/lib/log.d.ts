/** Types of log.js. */
export type Log = (line: string) => void;
export declare function stderrLog(prefix: string): Log;
