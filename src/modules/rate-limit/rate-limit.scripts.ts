import { join } from 'node:path';
import { luaScriptsProvider } from '@llms/redis';

/** The commands defined from lua/*.lua (see each file's header for KEYS and ARGV). */
export interface RateLimitScripts {
  rateLimitHit(
    key: string,
    windowMs: number,
    limit: number,
    blockMs: number,
  ): Promise<[number, number]>;
}

export const RATE_LIMIT_SCRIPTS = Symbol('RATE_LIMIT_SCRIPTS');

export const rateLimitScriptsProvider = luaScriptsProvider<RateLimitScripts>(
  RATE_LIMIT_SCRIPTS,
  join(__dirname, 'lua'),
);
