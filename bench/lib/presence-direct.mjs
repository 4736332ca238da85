#!/usr/bin/env node
/**
 * The raw ceiling of a join: the presence module's own join (its Redis Lua scripts), called
 * directly, with no socket, HTTP, auth or Nest in the way. The join scenario compares JOIN_CLASS
 * through the whole stack with this, same count, same concurrency, same Redis, same run.
 *
 * THE ONE PLACE THAT KNOWS THE PRESENCE MODULE'S INTERNAL API (it is being restructured; adapt
 * here). It loads the build's dist/ and knows two layouts, picked by the files present:
 *
 *   split (main from 6f25b43 on): src/modules/presence/{admission,active-class.claims,
 *     live-classes,presence-sweep,presence.settings}.js wired by hand as
 *     test/support/live-class-harness.ts does (parseConfig + loadLuaScripts of presence/lua);
 *     class opened with claims.claim(teacher) + LiveClasses.open(classId, snapshot);
 *     join = Admission.join({id, name}, classId, joinCode, socketId)
 *   service (before): src/modules/presence/presence.testing.js PresenceHarness.connect(redis, n)
 *     .liveClass(capacity); join = PresenceService.join(userId, classId, socketId)
 *
 * `instances` services, each on its own Redis connection (as app instances are), joins spread
 * round-robin over them. Run as a child process (so its CPU is apart from the bench):
 *   node bench/lib/presence-direct.mjs '{"root": "<build root>", "redisUrl": "redis://...",
 *     "count": 1000, "rounds": 3, "instances": 2}'
 * prints one JSON line: {layout, rounds: [{joins, ms, joinsPerSec, outcomes}], cpuSeconds}.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const JOIN_CODE = 'ABCDEFGHJK';
const id = () => randomUUID().replace(/-/g, '').slice(0, 24);

/** One presence "instance" per connection: {open(capacity) -> classId, join(i, classId), close()}. */
async function splitLayout(dist, require, redisUrl, instances) {
  const presence = path.join(dist, 'src', 'modules', 'presence');
  const { parseConfig } = require(path.join(dist, 'src', 'config', 'app.config'));
  const { connectRedis, closeRedis, loadLuaScripts } = require(
    path.join(dist, 'libs', 'redis', 'src'),
  );
  const { PresenceSettings } = require(path.join(presence, 'presence.settings'));
  const { ActiveClassClaims } = require(path.join(presence, 'active-class.claims'));
  const { PresenceSweep } = require(path.join(presence, 'presence-sweep'));
  const { Admission } = require(path.join(presence, 'admission'));
  const { LiveClasses } = require(path.join(presence, 'live-classes'));
  const config = parseConfig({ PRESENCE_TTL_SECONDS: '30', TEACHER_GRACE_SECONDS: '600' });
  const services = await Promise.all(
    Array.from({ length: instances }, async (_, i) => {
      const client = await connectRedis({ url: redisUrl, clusterNodes: null }, `bench-direct-${i}`);
      const scripts = loadLuaScripts(client, path.join(presence, 'lua'));
      const settings = new PresenceSettings(config);
      const claims = new ActiveClassClaims(client, scripts);
      const sweep = new PresenceSweep(client, scripts, claims, settings);
      return {
        client,
        settings,
        claims,
        admission: new Admission(scripts, claims, settings),
        live: new LiveClasses(client, scripts, claims, sweep, settings),
      };
    }),
  );
  const [first] = services;
  return {
    async open(capacity) {
      const classId = id();
      const teacherId = id();
      const now = Date.now();
      await first.claims.claim(teacherId, classId, first.settings.teacherGraceMs);
      await first.live.open(classId, {
        capacity,
        teacherId,
        title: `Direct ${classId}`,
        startedAt: now,
        joinCode: JOIN_CODE,
        createdAt: now,
      });
      return classId;
    },
    async join(i, classId) {
      const userId = id();
      const service = services[i % services.length];
      const result = await service.admission.join(
        { id: userId, name: `User ${i}` },
        classId,
        JOIN_CODE,
        id(),
      );
      return result.outcome;
    },
    close: () => Promise.all(services.map((s) => closeRedis(s.client))),
  };
}

async function serviceLayout(dist, require, redisUrl, instances) {
  const { PresenceHarness } = require(
    path.join(dist, 'src', 'modules', 'presence', 'presence.testing'),
  );
  const harness = await PresenceHarness.connect(
    { url: redisUrl, clusterNodes: null, keyPrefix: '' },
    instances,
  );
  return {
    open: async (capacity) => (await harness.liveClass(capacity)).classId,
    join: async (i, classId) => (await harness.instance(i).join(id(), classId, id())).outcome,
    close: () => harness.close(),
  };
}

export async function directJoins({ root, redisUrl, count, rounds, instances = 2 }) {
  const dist = path.join(root, 'dist');
  const require = createRequire(path.join(dist, 'src', 'main.js'));
  const split = fs.existsSync(path.join(dist, 'src', 'modules', 'presence', 'admission.js'));
  const presence = await (split ? splitLayout : serviceLayout)(dist, require, redisUrl, instances);
  try {
    const results = [];
    // Round -1 warms up (scripts loaded, JIT) and is not reported.
    for (let round = -1; round < rounds; round++) {
      const classId = await presence.open(count);
      const outcomes = {};
      const startedAt = performance.now();
      await Promise.all(
        Array.from({ length: count }, async (_, i) => {
          const outcome = await presence.join(i, classId);
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        }),
      );
      const ms = performance.now() - startedAt;
      if (round >= 0)
        results.push({ joins: count, ms, joinsPerSec: (count * 1000) / ms, outcomes });
    }
    const cpu = process.cpuUsage();
    return {
      layout: split ? 'split' : 'service',
      rounds: results,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
    };
  } finally {
    await presence.close();
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
