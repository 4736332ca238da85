import { join } from 'node:path';
import { luaScriptsProvider } from '@llms/redis';
import type { ClassScriptKeys } from './presence.keys';

type Reply = Promise<(string | number)[]>;

/** The commands defined from lua/*.lua (see each file's header for KEYS and ARGV). */
export interface PresenceScripts {
  admitParticipant(
    ...args: [...ClassScriptKeys, string, string, string, number, number, string, string]
  ): Reply;
  leaveSocket(...args: [...ClassScriptKeys, string, number, string]): Reply;
  leaveUser(...args: [...ClassScriptKeys, string, number, string]): Reply;
  renewLease(...args: [...ClassScriptKeys, string, number, string, number]): Reply;
  reconcileSockets(
    ...args: [...ClassScriptKeys, string, number, string, ...string[]]
  ): Promise<[string[], string[]]>;
  openClass(
    ...args: [...ClassScriptKeys, number, string, number, string, number, string, number]
  ): Promise<number>;
  endClass(...args: [...ClassScriptKeys, number, string, number]): Reply;
  sweepClass(...args: [...ClassScriptKeys, number, string]): Reply;
  claimUser(key: string, classId: string, ttlMs: number): Promise<[string, string]>;
  touchUser(key: string, classId: string, ttlMs: number): Promise<number>;
  releaseUser(key: string, classId: string): Promise<number>;
  claimDueClasses(key: string, now: number, leaseUntil: number, limit: number): Promise<string[]>;
  readRoster(
    participants: string,
    stays: string,
    names: string,
    scanCursor: string,
    count: number,
  ): Promise<(string | number)[]>;
}

export const PRESENCE_SCRIPTS = Symbol('PRESENCE_SCRIPTS');

export const presenceScriptsProvider = luaScriptsProvider<PresenceScripts>(
  PRESENCE_SCRIPTS,
  join(__dirname, 'lua'),
);
