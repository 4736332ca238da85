import { Module } from '@nestjs/common';
import { ActiveClassClaims } from './active-class.claims';
import { Admission } from './admission';
import { InstanceLeases } from './instance-leases';
import { LiveClasses } from './live-classes';
import { PresenceSweep } from './presence-sweep';
import { presenceScriptsProvider } from './presence.scripts';
import { PresenceSettings } from './presence.settings';

/** What the other modules use: everything but the Lua scripts. */
const PRESENCE_SERVICES = [
  PresenceSettings,
  ActiveClassClaims,
  Admission,
  InstanceLeases,
  LiveClasses,
  PresenceSweep,
];

/**
 * Who is in which live class right now, in Redis: claims (one active class per user),
 * admission (capacity), instance leases (heartbeats, in batches) and sweeping. Lua scripts in
 * lua/, keys in presence.keys.ts.
 */
@Module({
  providers: [presenceScriptsProvider, ...PRESENCE_SERVICES],
  exports: PRESENCE_SERVICES,
})
export class PresenceModule {}
