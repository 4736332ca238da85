import { execFile, spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RedisConnectionOptions } from '@llms/redis';
import { parseNodeList, portFree } from '../../tools/lib';

const ROOT = join(__dirname, '..', '..');

/** Whether redis-server and redis-cli are installed (a cluster can be started here). */
export const canStartRedisCluster = ['redis-server', 'redis-cli'].every(
  (tool) => !spawnSync(tool, ['--version']).error,
);

/** A first port whose `size` ports and their cluster-bus ports (+10000) are all free. */
async function freeClusterPorts(size: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = 7200 + size * randomInt(0, 250);
    const ports = Array.from({ length: size }, (_, i) => first + i);
    const free = await Promise.all(
      [...ports, ...ports.map((p) => p + 10_000)].map((p) => portFree(p)),
    );
    if (free.every(Boolean)) return first;
  }
  throw new Error('no free ports for a Redis Cluster between 7200 and 7950');
}

async function clusterTool(first: number, size: number, command: 'start' | 'stop') {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(ROOT, 'tools', 'redis-cluster.mjs'), command],
    {
      cwd: ROOT,
      timeout: 60_000,
      env: { ...process.env, REDIS_CLUSTER_PORT: String(first), REDIS_CLUSTER_SIZE: String(size) },
    },
  );
  return stdout;
}

export interface OwnCluster {
  redis: RedisConnectionOptions;
  stop(): Promise<void>;
}

/**
 * A Redis Cluster for one test file: REDIS_CLUSTER_NODES when set (left running), else a
 * cluster of its own on free ports (so parallel runs never share or stop each other's), stopped
 * and deleted by `stop()`.
 */
export async function ownRedisCluster(size = 3): Promise<OwnCluster> {
  const given = process.env.REDIS_CLUSTER_NODES;
  if (given)
    return { redis: { url: '', clusterNodes: parseNodeList(given) }, stop: async () => {} };
  const first = await freeClusterPorts(size);
  const stdout = await clusterTool(first, size, 'start');
  const nodes = /^REDIS_CLUSTER_NODES=(\S+)$/m.exec(stdout)?.[1];
  if (!nodes) throw new Error(`tools/redis-cluster.mjs printed no REDIS_CLUSTER_NODES:\n${stdout}`);
  return {
    redis: { url: '', clusterNodes: parseNodeList(nodes) },
    async stop() {
      await clusterTool(first, size, 'stop');
      for (let i = 0; i < size; i++) {
        rmSync(join(ROOT, '.data', 'redis-cluster', String(first + i)), {
          recursive: true,
          force: true,
        });
      }
    },
  };
}
