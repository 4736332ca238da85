/**
 * Memory per idle joined socket: one server process started with the inspector on, the same
 * accounts, sizes in increasing order on the same process. After a warm-up (a few sockets connect,
 * join and leave, so lazy state exists), full GC through the DevTools protocol and
 * `process.memoryUsage()` with zero sockets; then, at each size, connect and join up to that
 * many sockets, GC, measure again. Per socket = (heapUsed at N - heapUsed at 0) / N, and the same
 * for RSS. Finally every socket closes and, once the server has gone quiet (LLMS turns each close
 * into a leave and an attendance write), the heap is measured again: what a socket leaves behind
 * after it is gone (should be ~0).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Inspector } from '../lib/cdp.mjs';
import { LoadPool, mergeCounts } from '../lib/pool.mjs';
import { cpuMeter, log, rssBytes, waitQuiet } from '../lib/proc.mjs';
import { round } from '../lib/stats.mjs';

const WARMUP_SOCKETS = 20;
const SETTLE_MS = 1500;

export async function runMemory(ctx, systems) {
  const runs = [];
  for (const system of systems) {
    try {
      runs.push(...(await memoryOf(ctx, system)));
    } catch (error) {
      log(`memory ${system.name}: ${error.message}`);
      runs.push({ system: system.name, error: error.message });
    }
    await ctx.between();
  }
  return {
    config: {
      sizes: ctx.opts.memory,
      method:
        'one instance with --inspect; HeapProfiler.collectGarbage x2 then process.memoryUsage() ' +
        'over the DevTools protocol; per socket = (value at N - value at 0 sockets) / N',
    },
    runs,
  };
}

async function memoryOf(ctx, system) {
  const sizes = [...ctx.opts.memory].sort((a, b) => a - b);
  const max = sizes.at(-1);
  log(`memory ${system.name}: ${sizes.join(', ')} sockets`);
  const deployment = await system.start(ctx, { count: 1, inspect: true });
  const [instance] = deployment.instances;
  let inspector;
  let pool;
  try {
    inspector = await Inspector.connect(instance.inspectPort);
    const users = ctx.students(max);
    const room = await system.room(ctx, deployment, {
      teacher: ctx.teacher(1),
      capacity: max,
      title: 'Memory',
    });
    // Idle sockets cost a worker little: at most 4 workers, however many sockets.
    pool = await LoadPool.start({
      workers: Math.min(4, Math.max(1, Math.ceil(max / ctx.opts.perWorker))),
      driver: deployment.driver,
      options: deployment.options,
      label: `memory-${system.name}`,
    });
    const target = (user) => ({ url: instance.url, accessToken: user.accessToken, room });
    const meter = cpuMeter({ servers: [instance, ctx.redisProcess], load: pool.processes });

    // Warm-up on a separate worker set of users, then gone again: the zero point has them.
    const warm = await LoadPool.start({
      workers: 1,
      driver: deployment.driver,
      options: deployment.options,
      label: `memory-warm-${system.name}`,
    });
    await warm.connect(users.slice(0, WARMUP_SOCKETS).map(target));
    await warm.each('burst', { op: 'join' });
    await warm.close();
    await sleep(SETTLE_MS);

    const zero = await measure(inspector, instance);
    const points = [];
    let connected = 0;
    for (const size of sizes) {
      const result = await pool.connect(users.slice(connected, size).map(target), 100);
      if (result.failed) throw new Error(`connect: ${JSON.stringify(result.errors)}`);
      connected = size;
      const joins = await pool.each('burst', { op: 'join', concurrency: 100 });
      const outcomes = mergeCounts(joins.map((j) => j.outcomes));
      if ((outcomes.OK ?? 0) !== Object.values(outcomes).reduce((a, b) => a + b, 0))
        throw new Error(`joins: ${JSON.stringify(outcomes)}`);
      await sleep(SETTLE_MS);
      const at = await measure(inspector, instance);
      points.push({
        sockets: size,
        heapUsedBytes: at.heapUsed,
        rssBytes: at.rss,
        heapPerSocketKB: round((at.heapUsed - zero.heapUsed) / size / 1024, 2),
        rssPerSocketKB: round((at.rss - zero.rss) / size / 1024, 2),
        externalPerSocketKB: round((at.external - zero.external) / size / 1024, 2),
      });
      log(
        `  ${size}: heap ${points.at(-1).heapPerSocketKB} KB/socket, ` +
          `RSS ${points.at(-1).rssPerSocketKB} KB/socket`,
      );
    }
    const cpu = meter.stop();
    await pool.close();
    pool = null;
    // Every close is a leave (LLMS writes attendance): measure once the server has gone quiet.
    await sleep(SETTLE_MS);
    const quiet = await waitQuiet(instance.pid, { maxMs: 60_000 });
    const after = await measure(inspector, instance);
    return points.map((point, i) => ({
      system: system.name,
      case: `${point.sockets} sockets`,
      ...point,
      zero: { heapUsedBytes: zero.heapUsed, rssBytes: zero.rss },
      afterCloseHeapPerSocketKB: round((after.heapUsed - zero.heapUsed) / max / 1024, 2),
      afterCloseQuiet: quiet,
      // The CPU of the whole memory run of this system, once.
      ...(i === points.length - 1 ? { cpu } : {}),
    }));
  } finally {
    inspector?.close();
    await pool?.close();
    await deployment.stop();
  }
}

async function measure(inspector, instance) {
  const usage = await inspector.memoryAfterGc();
  return { ...usage, rss: rssBytes(instance.pid) || usage.rss };
}
