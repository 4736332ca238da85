/** The presence module's public surface; other modules import from here only. */
export { PresenceModule } from './presence.module';
export { PresenceSettings } from './presence.settings';
export { ActiveClassClaims } from './active-class.claims';
export { Admission } from './admission';
export { InstanceLeases } from './instance-leases';
export { LiveClasses } from './live-classes';
export { PresenceSweep } from './presence-sweep';
export { presenceKeys } from './presence.keys';
export type * from './presence.types';
