/** Types of addresses.js. */
export declare function redact(uri: string): string;
export declare function isLoopback(host: string): boolean;
export declare function listenHost(host: string): string;
