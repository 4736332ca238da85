/**
 * Redis CPU per connected user-minute (the scale-out target): U users in classes of 50 on 2
 * instances, each socket sending HEARTBEAT every 10 s (PRESENCE_TTL_SECONDS=30), on the bench's
 * own redis-server, so its CPU is ours alone. `used_cpu_user + used_cpu_sys` from INFO cpu is read
 * every 10 s through a steady window; the idle instances' own cost (the 2 instances running with
 * no users) is read the same way in two half windows, one before the users connect and one after
 * they have gone, so a drift of the box between the two (other load, CPU clock) cancels out:
 *
 *   µs per user-minute = (steady CPU - idle rate x steady seconds) x 1e6 / (users x minutes)
 *
 * The 10 s samples give the noise: twice the standard error of (steady rate - idle rate), in the
 * same unit (`noiseUsPerUserMinute`). When the instance does presence for its users in batches,
 * the difference is smaller than that noise on a box like this one; `upperUsPerUserMinute`
 * (max(0, estimate) + noise) is then the figure the design can rely on.
 *
 * INFO commandstats counts commands inside scripts as well (so it is not used for CPU); the
 * commands per second (total_commands_processed, steady minus idle) are exact, and its top
 * entries are kept for insight.
 *
 * The same users run again in classes of 2, which hold 25 times as many (instance, class) pairs
 * for the same users. Presence costs Redis per user (claims) and per class an instance holds
 * sockets in (lease renewals, sweeps). The commands split exactly:
 *
 *   calls per second = a x users + b x pairs   =>   b = (N2 - N1) / (P2 - P1), a = (N1 - b P1) / U
 *
 * and the CPU per command is the upper bound of the run with the most commands (classes of 2),
 * so the capacity model (docs/capacity.md) prices each user and each pair by its commands, never
 * below what was measured. Redis memory (used_memory, steady minus idle) splits like the commands:
 * bytes per user and per class.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { LoadPool, mergeCounts } from '../lib/pool.mjs';
import { endClass } from '../lib/llms.mjs';
import { cpuMeter, log } from '../lib/proc.mjs';
import { round } from '../lib/stats.mjs';
import { joinedCpu, joinedIdle, noiseOf, redisWindow } from '../lib/redis-window.mjs';

/** The headline run's class size, then the one that separates the per-class cost. */
export const PRESENCE_CLASS_SIZES = [50, 2];
const HEARTBEAT_MS = 10_000;
const PRESENCE_TTL_SECONDS = 30;
const SETTLE_MS = 3000;

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
 * Redis commands per user-second (a) and per (instance, class) pair-second (b), solved from two
 * runs of the same users in different class sizes, priced at the CPU per command of the run with
 * the most commands (its upper bound); null unless both ran. Memory splits the same way per user
 * and per class.
 */
function unitCostsOf(shapes) {
  const [one, two] = shapes;
  if (!one?.steady || !two?.steady || one.pairs === two.pairs || one.classes === two.classes)
    return null;
  const calls = (r) => r.steady.commandsPerSecond - r.idle.commandsPerSecond;
  const callsPerPair = (calls(two) - calls(one)) / (two.pairs - one.pairs);
  const callsPerUser = (calls(one) - callsPerPair * one.pairs) / one.users;
  const busiest = calls(two) > calls(one) ? two : one;
  // µs per command: the run's upper bound (µs per user-minute x users) over its commands per minute.
  const usPerCall =
    calls(busiest) > 0 ? (busiest.upperUsPerUserMinute * busiest.users) / (calls(busiest) * 60) : 0;
  const bytesPerClass = (two.redisBytes - one.redisBytes) / (two.classes - one.classes);
  const bytesPerUser = (one.redisBytes - bytesPerClass * one.classes) / one.users;
  const perUserSecond = Math.max(0, callsPerUser);
  const perPairSecond = Math.max(0, callsPerPair);
  return {
    usPerCall: round(usPerCall, 2),
    usPerCallFrom: `classes of ${busiest.classSize}: upper bound ${busiest.upperUsPerUserMinute} µs/user-minute x ${busiest.users} users / ${round(calls(busiest), 1)} commands/s / 60`,
    usPerUserMinute: round(perUserSecond * 60 * usPerCall, 2),
    usPerPairMinute: round(perPairSecond * 60 * usPerCall, 2),
    callsPerUserSecond: round(perUserSecond, 4),
    callsPerPairSecond: round(perPairSecond, 4),
    redisBytesPerUser: Math.round(Math.max(0, bytesPerUser)),
    redisBytesPerClass: Math.round(Math.max(0, bytesPerClass)),
    from: shapes.map((r) => ({ classSize: r.classSize, users: r.users, pairs: r.pairs })),
  };
}

/** Ends every class of the run through the REST API, a few at a time. */
async function endAll(rooms, teachers, baseUrl) {
  const CONCURRENCY = 20;
  for (let i = 0; i < rooms.length; i += CONCURRENCY) {
    await Promise.all(
      rooms
        .slice(i, i + CONCURRENCY)
        .map((room, j) => endClass(baseUrl, teachers[i + j], room.classId)),
    );
  }
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
    const idleHalf = async (when) => {
      log(`  idle half window ${when} (instances running, no users) ...`);
      const meter = cpuMeter({ servers: [...instances, ctx.redisProcess] });
      const redis = await redisWindow(ctx.redisUrl, ms / 2);
      return { redis, cpu: meter.stop() };
    };
    const idleBefore = await idleHalf('before');

    const rooms = [];
    const teachers = Array.from({ length: classes }, (_, c) => ctx.teacher(20 + c));
    for (let c = 0; c < classes; c++) {
      rooms.push(
        await system.room(ctx, deployment, {
          teacher: teachers[c],
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
    const steady = await redisWindow(ctx.redisUrl, ms);
    const cpu = meter.stop();
    const beats = mergeCounts((await heartbeats).map((h) => h.outcomes));
    await pool.close();
    pool = null;
    // Back to the idle state of the first half: no users and no live classes.
    await endAll(rooms, teachers, instances[0].url);
    await sleep(SETTLE_MS);
    const idleAfter = await idleHalf('after');

    const idle = joinedIdle(idleBefore.redis, idleAfter.redis);
    const perUserMinute = (cpuSeconds) => (cpuSeconds * 1e6) / (users * (steady.seconds / 60));
    const extra = steady.cpuSeconds - (idle.cpuSeconds * steady.seconds) / idle.seconds;
    const usPerUserMinute = round(perUserMinute(extra), 1);
    const noise = round(perUserMinute(noiseOf(idle.rates, steady.rates) * steady.seconds), 1);
    const result = {
      system: system.name,
      case: `${users} users, classes of ${classSize}`,
      users,
      classSize,
      classes,
      pairs,
      idle: {
        ...idle,
        cpuSeconds: round(idle.cpuSeconds, 3),
        cpu: joinedCpu(idleBefore.cpu, idleAfter.cpu),
      },
      steady: { ...steady, cpuSeconds: round(steady.cpuSeconds, 3) },
      usPerUserMinute,
      noiseUsPerUserMinute: noise,
      upperUsPerUserMinute: round(Math.max(0, usPerUserMinute) + noise, 1),
      redisBytes: steady.usedMemoryBytes - idle.usedMemoryBytes,
      heartbeats: beats,
      cpu,
    };
    log(`  ${usPerUserMinute} ± ${noise} µs of Redis CPU per connected user-minute`);
    return result;
  } finally {
    await pool?.close();
    await deployment.stop();
  }
}
