import { join } from 'node:path';
import { luaScriptsProvider } from '@llms/redis';

/** The commands defined from lua/*.lua (see each file's header for KEYS and ARGV). */
export interface RealtimeScripts {
  takeSocketSlot(
    key: string,
    member: string,
    now: number,
    expiresAt: number,
    max: number,
  ): Promise<number>;
}

export const REALTIME_SCRIPTS = Symbol('REALTIME_SCRIPTS');

export const realtimeScriptsProvider = luaScriptsProvider<RealtimeScripts>(
  REALTIME_SCRIPTS,
  join(__dirname, 'lua'),
);
