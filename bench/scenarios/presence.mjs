/**
 * Redis CPU per connected user-minute (the scale-out target): U users in classes of 50 on 2
 * instances, each socket sending HEARTBEAT every 10 s (PRESENCE_TTL_SECONDS=30), on the bench's
 * own redis-server, so its CPU is ours alone. `used_cpu_user + used_cpu_sys` from INFO cpu is read
 * at the start and end of a steady window; the same window with the 2 instances running and no
 * users (measured first) is subtracted:
 *
 *   µs per user-minute = (steady CPU - idle CPU) x 1e6 / (users x window minutes)
 *
 * INFO commandstats counts commands inside scripts as well (so it is not used for the total);
 * its top entries are kept for insight.
 *
 * The same users run again in classes of 2, which hold 25 times as many (instance, class) pairs
 * for the same users. Presence costs Redis per user (claims) and per class an instance holds
 * sockets in (lease renewals, sweeps), so the two runs give both unit costs, for the capacity
 * model (docs/capacity.md):
 *
 *   cost per minute = a x users + b x pairs   =>   b = (C2 - C1) / (P2 - P1), a = (C1 - b P1) / U
 *
 * Redis commands per second and memory (used_memory, steady minus idle) split the same way:
 * commands per user and per pair, bytes per user and per class.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { LoadPool, mergeCounts } from '../lib/pool.mjs';
import { cpuMeter, log } from '../lib/proc.mjs';
import { round } from '../lib/stats.mjs';
import { commandCalls, info, redisCpu } from '../lib/redis.mjs';

/** The headline run's class size, then the one that separates the per-class cost. */
export const PRESENCE_CLASS_SIZES = [50, 2];
const HEARTBEAT_MS = 10_000;
const PRESENCE_TTL_SECONDS = 30;
const SETTLE_MS = 3000;
const TOP_COMMANDS = 12;

export async function runPresence(ctx, systems) {
  const runs = [];
  const unitCosts = [];
  for (const system of systems) {
    const shapes = [];
    for (const classSize of PRESENCE_CLASS_SIZES) {
      try {
        shapes.push(await presenceOf(ctx, system, classSize));
      } catch (error) {
        log(`presence ${system.name}, classes of ${classSize}: ${error.message}`);
        shapes.push({ system: system.name, classSize, error: error.message });
      }
      await ctx.between();
    }
    runs.push(...shapes);
    const costs = unitCostsOf(shapes);
    if (costs) unitCosts.push({ system: system.name, ...costs });
  }
  return {
    config: {
      users: ctx.opts.presence,
      classSize: PRESENCE_CLASS_SIZES[0],
      classSizes: PRESENCE_CLASS_SIZES,
      heartbeatSeconds: HEARTBEAT_MS / 1000,
      presenceTtlSeconds: PRESENCE_TTL_SECONDS,
      windowSeconds: ctx.opts.presenceMs / 1000,
      instances: 2,
      redis: 'dedicated redis-server started by the bench',
      outsideFigureUsPerUserMinute: 580,
      target: 20,
      bar: 60,
    },
    runs,
    unitCosts,
  };
}

/**
 * Redis CPU per user-minute (a) and per (instance, class) pair-minute (b), in µs, solved from
 * two runs of the same users in different class sizes; null unless both ran. Noise can push a
 * tiny share below zero: it is reported as 0.
 */
function unitCostsOf(shapes) {
  const [one, two] = shapes;
  if (!one?.steady || !two?.steady || one.pairs === two.pairs || one.classes === two.classes)
    return null;
  const cost = (r) => r.usPerUserMinute * r.users;
  const perPair = (cost(two) - cost(one)) / (two.pairs - one.pairs);
  const perUser = (cost(one) - perPair * one.pairs) / one.users;
  const calls = (r) => r.steady.commandsPerSecond - r.idle.commandsPerSecond;
  const callsPerPair = (calls(two) - calls(one)) / (two.pairs - one.pairs);
  const callsPerUser = (calls(one) - callsPerPair * one.pairs) / one.users;
  const bytesPerClass = (two.redisBytes - one.redisBytes) / (two.classes - one.classes);
  const bytesPerUser = (one.redisBytes - bytesPerClass * one.classes) / one.users;
  return {
    usPerUserMinute: round(Math.max(0, perUser), 2),
    usPerPairMinute: round(Math.max(0, perPair), 2),
    callsPerUserSecond: round(Math.max(0, callsPerUser), 4),
    callsPerPairSecond: round(Math.max(0, callsPerPair), 4),
    redisBytesPerUser: Math.round(Math.max(0, bytesPerUser)),
    redisBytesPerClass: Math.round(Math.max(0, bytesPerClass)),
    from: shapes.map((r) => ({ classSize: r.classSize, users: r.users, pairs: r.pairs })),
  };
}

/** Redis CPU seconds and commands during `ms`, with the top commands by calls. */
async function window(url, ms) {
  const [before, callsBefore] = await Promise.all([redisCpu(url), commandCalls(url)]);
  const startedAt = performance.now();
  await sleep(ms);
  const [after, callsAfter, memory] = await Promise.all([
    redisCpu(url),
    commandCalls(url),
    info(url, 'memory'),
  ]);
  const seconds = (performance.now() - startedAt) / 1000;
  const top = Object.entries(callsAfter)
    .map(([command, calls]) => [command, calls - (callsBefore[command] ?? 0)])
    .filter(([, calls]) => calls > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP_COMMANDS)
    .map(([command, calls]) => ({ command, perSecond: round(calls / seconds, 1) }));
  return {
    seconds: round(seconds, 2),
    cpuSeconds: after.cpuSeconds - before.cpuSeconds,
    commandsPerSecond: round((after.commands - before.commands) / seconds, 1),
    usedMemoryBytes: memory.used_memory,
    topCommands: top,
  };
}

async function presenceOf(ctx, system, classSize) {
  const users = ctx.opts.presence;
  const ms = ctx.opts.presenceMs;
  const classes = Math.ceil(users / classSize);
  log(`presence ${system.name}: ${users} users in ${classes} classes, windows of ${ms / 1000} s`);
  const deployment = await system.start(ctx, {
    count: 2,
    env: { PRESENCE_TTL_SECONDS: String(PRESENCE_TTL_SECONDS) },
  });
  const { instances } = deployment;
  let pool;
  try {
    await sleep(SETTLE_MS);
    log('  idle window (instances running, no users) ...');
    const idleMeter = cpuMeter({ servers: [...instances, ctx.redisProcess] });
    const idle = await window(ctx.redisUrl, ms);
    const idleCpu = idleMeter.stop();

    const rooms = [];
    for (let c = 0; c < classes; c++) {
      rooms.push(
        await system.room(ctx, deployment, {
          teacher: ctx.teacher(20 + c),
          capacity: classSize,
          title: `Presence ${c + 1}`,
        }),
      );
    }
    pool = await LoadPool.start({
      workers: Math.max(2, Math.ceil(users / ctx.opts.perWorker)),
      driver: deployment.driver,
      options: deployment.options,
      label: `presence-${system.name}`,
    });
    const targets = ctx.students(users).map((user, i) => ({
      url: instances[i % instances.length].url,
      accessToken: user.accessToken,
      room: rooms[Math.floor(i / classSize)],
    }));
    const pairs = new Set(targets.map((t) => `${t.url} ${rooms.indexOf(t.room)}`)).size;
    const connected = await pool.connect(targets);
    if (connected.failed) throw new Error(`connect: ${JSON.stringify(connected.errors)}`);
    const joins = mergeCounts(
      (await pool.each('burst', { op: 'join', concurrency: 50 })).map((b) => b.outcomes),
    );
    if (joins.OK !== users) throw new Error(`joins: ${JSON.stringify(joins)}`);

    // Heartbeats at random phases; one full period first so the window sees a steady state.
    const heartbeats = pool.each('heartbeat', {
      intervalMs: HEARTBEAT_MS,
      durationMs: HEARTBEAT_MS + ms + 1000,
    });
    await sleep(HEARTBEAT_MS);
    log('  steady window (users heartbeating) ...');
    const meter = cpuMeter({ servers: [...instances, ctx.redisProcess], load: pool.processes });
    const steady = await window(ctx.redisUrl, ms);
    const cpu = meter.stop();
    const beats = mergeCounts((await heartbeats).map((h) => h.outcomes));
    const minutes = steady.seconds / 60;
    const extra = steady.cpuSeconds - (idle.cpuSeconds * steady.seconds) / idle.seconds;
    const result = {
      system: system.name,
      case: `${users} users, classes of ${classSize}`,
      users,
      classSize,
      classes,
      pairs,
      idle: { ...idle, cpuSeconds: round(idle.cpuSeconds, 3), cpu: idleCpu },
      steady: { ...steady, cpuSeconds: round(steady.cpuSeconds, 3) },
      usPerUserMinute: round((extra * 1e6) / (users * minutes), 1),
      redisBytes: steady.usedMemoryBytes - idle.usedMemoryBytes,
      heartbeats: beats,
      cpu,
    };
    log(`  ${result.usPerUserMinute} µs of Redis CPU per connected user-minute`);
    return result;
  } finally {
    await pool?.close();
    await deployment.stop();
  }
}
