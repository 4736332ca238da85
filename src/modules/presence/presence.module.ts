import { Module } from '@nestjs/common';
import { ActiveClassClaims } from './active-class.claims';
import { Admission } from './admission';
import { InstanceLeases } from './instance-leases';
import { LiveClasses } from './live-classes';
import { PresenceSweep } from './presence-sweep';
import { presenceScriptsProvider } from './presence.scripts';
import { PresenceSettings } from './presence.settings';

/**
 * Who is in which live class right now, in Redis: claims (one active class per user),
 * admission (capacity), instance leases (heartbeats, in batches) and sweeping. Lua scripts in lua/, keys in presence.keys.ts.
 */
@Module({
  providers: [
    presenceScriptsProvider,
    PresenceSettings,
    ActiveClassClaims,
    Admission,
    InstanceLeases,
    LiveClasses,
    PresenceSweep,
  ],
  exports: [
    PresenceSettings,
    ActiveClassClaims,
    Admission,
    InstanceLeases,
    LiveClasses,
    PresenceSweep,
  ],
})
export class PresenceModule {}
