#!/usr/bin/env node
/**
 * The raw ceiling of a join: the presence service's own join (its Redis Lua scripts), called
 * directly, with no socket, HTTP, auth or Nest in the way. The join scenario compares JOIN_CLASS
 * through the whole stack with this, same count, same concurrency, same Redis, same run.
 *
 * THE ONE PLACE THAT KNOWS THE PRESENCE MODULE'S INTERNAL API (it is being restructured; adapt
 * here). Today it loads from the build's dist/:
 *   src/modules/presence/presence.testing.js  PresenceHarness.connect(redisOptions, instances)
 *     .liveClass(capacity)             opens a live class in Redis as ClassesService.start does
 *     .instance(i).join(userId, classId, socketId)   PresenceService.join: claim + admit scripts
 *     .id()                             a fresh 24-hex id
 *     .close()
 *
 * Run as a child process (so its CPU is measured apart from the bench):
 *   node bench/lib/presence-direct.mjs '{"root": "<build root>", "redisUrl": "redis://...",
 *     "count": 1000, "rounds": 3, "instances": 2}'
 * prints one JSON line: {rounds: [{joins, ms, joinsPerSec, outcomes}], cpuSeconds}.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

const HARNESS = ['dist', 'src', 'modules', 'presence', 'presence.testing.js'];

export async function directJoins({ root, redisUrl, count, rounds, instances = 2 }) {
  const require = createRequire(path.join(root, 'dist', 'src', 'main.js'));
  const { PresenceHarness } = require(path.join(root, ...HARNESS));
  const harness = await PresenceHarness.connect(
    { url: redisUrl, clusterNodes: null, keyPrefix: '' },
    instances,
  );
  try {
    const results = [];
    // Round -1 warms up (scripts loaded, JIT) and is not reported.
    for (let round = -1; round < rounds; round++) {
      const { classId } = await harness.liveClass(count);
      const users = Array.from({ length: count }, () => [harness.id(), harness.id()]);
      const outcomes = {};
      const startedAt = performance.now();
      await Promise.all(
        users.map(async ([userId, socketId], i) => {
          const result = await harness.instance(i).join(userId, classId, socketId);
          outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
        }),
      );
      const ms = performance.now() - startedAt;
      if (round >= 0) results.push({ joins: count, ms, joinsPerSec: (count * 1000) / ms, outcomes });
    }
    const cpu = process.cpuUsage();
    return { rounds: results, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  } finally {
    await harness.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  directJoins(JSON.parse(process.argv[2])).then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    },
    (error) => {
      process.stderr.write(`${error?.stack ?? error}\n`);
      process.exit(1);
    },
  );
}
