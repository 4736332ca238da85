import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FactoryProvider, InjectionToken } from '@nestjs/common';
import type { RedisClient } from './redis-connection';
import { REDIS_CLIENT } from './redis.options';

const INCLUDE = /^--\s*@include\s+(\S+)\s*$/gm;

/**
 * Inlines `-- @include <name>` lines with `<directory>/includes/<name>.lua` (shared Lua helpers),
 * recursively, each include once (a helper that another helper already brought is skipped).
 */
function withIncludes(source: string, directory: string, seen = new Set<string>()): string {
  return source.replace(INCLUDE, (_, name: string) => {
    if (seen.has(name)) return '';
    seen.add(name);
    const path = join(directory, 'includes', `${name}.lua`);
    if (!existsSync(path)) throw new Error(`Lua include ${name} not found at ${path}`);
    return withIncludes(readFileSync(path, 'utf8'), directory, seen);
  });
}

/**
 * Registers every `<name>-<numberOfKeys>.lua` file of a folder on the client as an ioredis
 * command named in camelCase (`leave-user-7.lua` -> `client.leaveUser(k1, ..., k7, ...args)`),
 * and returns the client typed as those commands. ioredis sends EVALSHA and falls back to EVAL
 * once per node, so each script is loaded once per Redis node.
 */
export function loadLuaScripts<Commands>(client: RedisClient, directory: string): Commands {
  for (const file of readdirSync(directory)
    .filter((f) => f.endsWith('.lua'))
    .sort()) {
    const match = /^(.+)-(\d+)\.lua$/.exec(file);
    if (!match) throw new Error(`Lua script ${file} must be named <name>-<numberOfKeys>.lua`);
    const name = match[1].replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const lua = withIncludes(readFileSync(join(directory, file), 'utf8'), directory);
    client.defineCommand(name, { numberOfKeys: Number(match[2]), lua });
  }
  return client as unknown as Commands;
}

/**
 * The one way a module loads its Lua scripts: a provider of `token` that loads the module's
 * `lua/` folder on the shared client once, when the module is built, and injects the typed
 * commands (`@Inject(PRESENCE_SCRIPTS) scripts: PresenceScripts`).
 */
export function luaScriptsProvider<Commands>(
  token: InjectionToken,
  directory: string,
): FactoryProvider<Commands> {
  return {
    provide: token,
    inject: [REDIS_CLIENT],
    useFactory: (client: RedisClient) => loadLuaScripts<Commands>(client, directory),
  };
}
