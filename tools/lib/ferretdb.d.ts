/** Types of ferretdb.js (what TypeScript tests use). */
import type { Log } from './log';

export declare const FERRETDB_BIN: string;
export declare function buildFerretDB(options?: {
  go?: string | null;
  log?: Log;
  force?: boolean;
}): Promise<string>;
