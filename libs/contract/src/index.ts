export * from './error-codes';
export * from './envelope';
export * from './models';
export * from './realtime';
export * from './limits';
