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
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { LoadPool, mergeCounts } from '../lib/pool.mjs';
import { cpuMeter, log } from '../lib/proc.mjs';
import { round } from '../lib/stats.mjs';
import { commandCalls, redisCpu } from '../lib/redis.mjs';

const CLASS_SIZE = 50;
const HEARTBEAT_MS = 10_000;
const PRESENCE_TTL_SECONDS = 30;
const SETTLE_MS = 3000;
const TOP_COMMANDS = 12;

export async function runPresence(ctx, systems) {
  const runs = [];
  for (const system of systems) {
    try {
      runs.push(await presenceOf(ctx, system));
    } catch (error) {
      log(`presence ${system.name}: ${error.message}`);
      runs.push({ system: system.name, error: error.message });
    }
    await ctx.between();
  }
  return {
    config: {
      users: ctx.opts.presence,
      classSize: CLASS_SIZE,
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
  };
}

/** Redis CPU seconds and commands during `ms`, with the top commands by calls. */
async function window(url, ms) {
  const [before, callsBefore] = await Promise.all([redisCpu(url), commandCalls(url)]);
  const startedAt = performance.now();
  await sleep(ms);
  const [after, callsAfter] = await Promise.all([redisCpu(url), commandCalls(url)]);
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
    topCommands: top,
  };
}

async function presenceOf(ctx, system) {
  const users = ctx.opts.presence;
  const ms = ctx.opts.presenceMs;
  const classes = Math.ceil(users / CLASS_SIZE);
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
    const idle = await window(ctx.redisUrl, ms);

    const rooms = [];
    for (let c = 0; c < classes; c++) {
      rooms.push(
        await system.room(ctx, deployment, {
          teacher: ctx.teacher(20 + c),
          capacity: CLASS_SIZE,
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
      room: rooms[Math.floor(i / CLASS_SIZE)],
    }));
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
      case: `${users} users`,
      users,
      classes,
      idle: { ...idle, cpuSeconds: round(idle.cpuSeconds, 3) },
      steady: { ...steady, cpuSeconds: round(steady.cpuSeconds, 3) },
      usPerUserMinute: round((extra * 1e6) / (users * minutes), 1),
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
