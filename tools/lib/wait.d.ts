/** Types of wait.js. */
export declare function sleep(ms: number): Promise<void>;
export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  what?: string;
  output?: () => string;
  alive?: () => boolean;
  errorType?: new (message: string) => Error;
}
export declare function waitFor<T>(
  check: () => T | Promise<T>,
  options?: WaitOptions,
): Promise<NonNullable<T>>;
export declare function waitForHttp(
  url: string,
  options?: WaitOptions & { status?: number },
): Promise<boolean>;
