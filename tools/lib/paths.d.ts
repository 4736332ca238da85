/** Types of paths.js. */
export declare const ROOT: string;
export declare const DATA_DIR: string;
export interface InstanceFiles {
  dir: string;
  pidFile: string;
  logFile: string;
  relDir: string;
  relLog: string;
}
export declare function instanceFiles(
  name: string,
  port: number,
  defaultPort: number,
  dirName?: string,
): InstanceFiles;
