export * from './redis.options';
export * from './redis-connection';
export * from './redis.module';
export * from './script-loader';
export * from './hash-tags';
export * from './pubsub-connection';
