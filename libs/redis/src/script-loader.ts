import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RedisClient } from './redis-connection';

const INCLUDE = /^--\s*@include\s+(\S+)\s*$/gm;

/** Inlines `-- @include <name>` lines with `<directory>/includes/<name>.lua` (shared Lua helpers). */
function withIncludes(source: string, directory: string): string {
  return source.replace(INCLUDE, (_, name: string) => {
    const path = join(directory, 'includes', `${name}.lua`);
    if (!existsSync(path)) throw new Error(`Lua include ${name} not found at ${path}`);
    return readFileSync(path, 'utf8');
  });
}

/**
 * Registers every `<name>-<numberOfKeys>.lua` file of a folder as an ioredis command named in
 * camelCase (`admit-participant-5.lua` -> `client.admitParticipant(k1, ..., k5, ...args)`).
 * ioredis sends EVALSHA and falls back to EVAL once per node, so each script is loaded once.
 */
export function defineLuaCommands(client: RedisClient, directory: string): string[] {
  const names: string[] = [];
  for (const file of readdirSync(directory)
    .filter((f) => f.endsWith('.lua'))
    .sort()) {
    const match = /^(.+)-(\d+)\.lua$/.exec(file);
    if (!match) throw new Error(`Lua script ${file} must be named <name>-<numberOfKeys>.lua`);
    const name = match[1].replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const lua = withIncludes(readFileSync(join(directory, file), 'utf8'), directory);
    client.defineCommand(name, { numberOfKeys: Number(match[2]), lua });
    names.push(name);
  }
  return names;
}
