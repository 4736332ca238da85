export * from './app-error';
export * from './envelope';
export * from './http-status';
export * from './validation-details';
