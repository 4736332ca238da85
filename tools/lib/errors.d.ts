/** Types of errors.js. */
export declare class ServiceError extends Error {}
export declare const DOCKER_HINT: string;
export declare function requireDependency<T = unknown>(name: string): T;
