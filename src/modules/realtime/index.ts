/** The realtime module's public surface. */
export { RealtimeModule } from './realtime.module';
export { RealtimeIoAdapter } from './realtime-io.adapter';
export { CountGate } from './count-gate';
export { realtimeKeys } from './realtime.keys';
