/**
 * Joins per second through the whole stack against the raw ceiling of the same presence scripts.
 *
 * Stack: N REST-registered users, their sockets connected (spread over 2 instances), then in
 * each round a fresh live class and every socket emits JOIN_CLASS at the same instant (the load
 * workers start together at an agreed time); joins/s = N / (last ack - start). Between rounds every
 * socket leaves. An unmeasured warm-up round of every socket runs first (JIT, and it finds out
 * whether the server takes `joinCode`).
 *
 * Direct: the same count of joins, all at once, called on the build's presence service with
 * nothing around it (bench/lib/presence-direct.mjs, in a child process), on fresh classes of the
 * same Redis, after the instances stopped. Ratio = stack / direct (target >= 25%).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LoadPool, mergeCounts } from '../lib/pool.mjs';
import { cpuMeter, log, spawnTracked } from '../lib/proc.mjs';
import { Histogram, median, monoMs, ratio, round } from '../lib/stats.mjs';

const DIRECT = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'lib',
  'presence-direct.mjs',
);

export async function runJoin(ctx, systems) {
  const runs = [];
  for (const system of systems) {
    try {
      runs.push(await joinOf(ctx, system));
    } catch (error) {
      log(`join ${system.name}: ${error.message}`);
      runs.push({ system: system.name, error: error.message });
    }
    await ctx.between();
  }
  return {
    config: { sockets: ctx.opts.join, rounds: ctx.opts.joinRounds, instances: 2, target: 0.25 },
    runs,
  };
}

async function joinOf(ctx, system) {
  const { join: count, joinRounds: rounds } = ctx.opts;
  log(`join ${system.name}: ${count} sockets x ${rounds} rounds`);
  const deployment = await system.start(ctx, { count: 2 });
  const { instances } = deployment;
  let pool;
  const stack = [];
  let cpu;
  try {
    pool = await LoadPool.start({
      workers: Math.max(2, Math.ceil(count / ctx.opts.perWorker)),
      driver: deployment.driver,
      options: deployment.options,
      label: `join-${system.name}`,
    });
    const targets = ctx.students(count).map((user, i) => ({
      url: instances[i % instances.length].url,
      accessToken: user.accessToken,
    }));
    const connected = await pool.connect(targets);
    if (connected.failed) throw new Error(`connect: ${JSON.stringify(connected.errors)}`);

    const warmRoom = await system.room(ctx, deployment, {
      teacher: ctx.teacher(2),
      capacity: count,
      title: 'Join warm-up',
    });
    // A whole unmeasured round first, as the direct side has: JIT, pools and caches warm.
    await pool.each('burst', { op: 'join', room: warmRoom });
    await pool.each('burst', { op: 'leave', room: warmRoom, concurrency: 100 });

    const meter = cpuMeter({ servers: [...instances, ctx.redisProcess], load: pool.processes });
    for (let r = 0; r < rounds; r++) {
      const room = await system.room(ctx, deployment, {
        teacher: ctx.teacher(3 + r),
        capacity: count,
        title: `Join round ${r + 1}`,
      });
      const startAt = monoMs() + 300;
      const bursts = await pool.each('burst', { op: 'join', room, startAt });
      const lastAt = Math.max(...bursts.map((b) => b.lastAt));
      const outcomes = mergeCounts(bursts.map((b) => b.outcomes));
      const latency = Histogram.mergeAll(bursts.map((b) => b.hist)).summary();
      const seconds = (lastAt - startAt) / 1000;
      stack.push({
        joins: count,
        ms: round(seconds * 1000, 1),
        joinsPerSec: round((outcomes.OK ?? 0) / seconds, 0),
        outcomes,
        ackMs: {
          p50: round(latency.p50, 1),
          p99: round(latency.p99, 1),
          max: round(latency.max, 1),
        },
        shape: bursts[0].shape,
      });
      log(
        `  stack round ${r + 1}: ${stack.at(-1).joinsPerSec} joins/s ${JSON.stringify(outcomes)}`,
      );
      await pool.each('burst', { op: 'leave', room, concurrency: 100 });
    }
    cpu = meter.stop();
  } finally {
    await pool?.close();
    await deployment.stop();
  }

  await ctx.between();
  const direct = await runDirect(ctx, system, count, rounds);
  const stackRate = median(stack.map((s) => s.joinsPerSec));
  const directRate = direct.rounds ? median(direct.rounds.map((d) => d.joinsPerSec)) : null;
  for (const d of direct.rounds ?? []) log(`  direct: ${round(d.joinsPerSec, 0)} joins/s`);
  return {
    system: system.name,
    case: `${count} joins`,
    sockets: count,
    stack: { rounds: stack, medianJoinsPerSec: stackRate },
    direct: direct.rounds
      ? {
          rounds: direct.rounds.map((d) => ({
            ...d,
            ms: round(d.ms, 1),
            joinsPerSec: round(d.joinsPerSec, 0),
          })),
          medianJoinsPerSec: round(directRate, 0),
          presenceLayout: direct.layout,
          cpu: direct.cpu,
        }
      : { error: direct.error },
    ratio: round(ratio(stackRate, directRate), 3),
    cpu,
  };
}

/** presence-direct.mjs in a child process; resolves its JSON answer, or {error}. */
async function runDirect(ctx, system, count, rounds) {
  const args = JSON.stringify({ root: system.build.root, redisUrl: ctx.redisUrl, count, rounds });
  const handle = spawnTracked(`direct-${system.name}`, process.execPath, [DIRECT, args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn' },
  });
  const meter = cpuMeter({ servers: [ctx.redisProcess] });
  let stdout = '';
  handle.child.stdout.on('data', (chunk) => (stdout += chunk));
  const timer = setTimeout(() => handle.child.kill('SIGKILL'), 120_000);
  const code = await new Promise((resolve) => handle.child.once('exit', resolve));
  clearTimeout(timer);
  const cpu = meter.stop();
  if (code !== 0) {
    const error = `presence-direct failed (exit ${code}): ${handle.output().slice(-600)}`;
    log(`  ${error}`);
    return { error };
  }
  const answer = JSON.parse(stdout.trim().split('\n').at(-1));
  return {
    layout: answer.layout,
    rounds: answer.rounds,
    cpu: { ...cpu, load: { total: round(answer.cpuSeconds, 2) } },
  };
}
