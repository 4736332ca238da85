import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RedisClient } from './redis-connection';

/**
 * Registers every `<name>-<numberOfKeys>.lua` file of a folder as an ioredis command named in
 * camelCase (`admit-participant-2.lua` -> `client.admitParticipant(k1, k2, ...args)`). ioredis
 * sends EVALSHA and falls back to EVAL once per node, so each script is loaded once.
 */
export function defineLuaCommands(client: RedisClient, directory: string): string[] {
  const names: string[] = [];
  for (const file of readdirSync(directory).filter((f) => f.endsWith('.lua')).sort()) {
    const match = /^(.+)-(\d+)\.lua$/.exec(file);
    if (!match) throw new Error(`Lua script ${file} must be named <name>-<numberOfKeys>.lua`);
    const name = match[1].replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    client.defineCommand(name, {
      numberOfKeys: Number(match[2]),
      lua: readFileSync(join(directory, file), 'utf8'),
    });
    names.push(name);
  }
  return names;
}
