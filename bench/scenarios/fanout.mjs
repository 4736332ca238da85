/**
 * Fan-out: one class of N listeners spread evenly over 2 instances (or 2 Centrifugo nodes) on the
 * bench's Redis; comments offered at a fixed rate (open loop) for a warm-up and then a measured
 * window. Per system, listener count and rate: delivered/s (deliveries received inside the window),
 * end-to-end latency p50/p90/p99 of the comments sent in the window (send time embedded in the
 * text, monotonic clock), lost deliveries after a drain, publish errors (RATE_LIMITED is an
 * error: the bench lifts the per-user limit and spreads comments over enough publisher sockets to
 * stay under the per-socket limit), and the CPU each side used.
 *
 * LLMS and bare Socket.IO: the publishers are extra sockets in the class (they receive comments too,
 * not counted); Centrifugo: comments go through its server HTTP API, alternating nodes.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { contract } from '../lib/contract.mjs';
import { LoadPool, mergeCounts } from '../lib/pool.mjs';
import { cpuMeter, log, rssBytes } from '../lib/proc.mjs';
import { Histogram, monoMs, round } from '../lib/stats.mjs';

/** Comments per second one publisher socket sends: a quarter of the per-socket limit. */
const perPublisherRate = () => contract().LIMITS.SOCKET_EVENTS_PER_SECOND / 4;

/** Publisher sockets a group needs so none goes over perPublisherRate(). */
export const publishersFor = (rates) => Math.ceil(Math.max(...rates) / perPublisherRate());
const DRAIN_MS = 5000;

export async function runFanout(ctx, systems) {
  const { opts } = ctx;
  const runs = [];
  // Group by group, every system in turn, so the runs compared with each other are close in time.
  for (const group of opts.fanout) {
    for (const system of systems) {
      try {
        runs.push(...(await fanoutGroup(ctx, system, group)));
      } catch (error) {
        log(`fanout ${system.name} ${group.listeners}: ${error.message}`);
        runs.push({ system: system.name, listeners: group.listeners, error: error.message });
      }
      await ctx.between();
    }
  }
  return {
    config: {
      groups: opts.fanout,
      instances: 2,
      warmupSeconds: opts.warmupMs / 1000,
      measureSeconds: opts.measureMs / 1000,
      drainSeconds: DRAIN_MS / 1000,
      perPublisherRate: perPublisherRate(),
      latency: 'receive time minus the send time embedded in the comment text (process.hrtime)',
    },
    runs,
  };
}

/** One system, one listener count: connect and join once, then each rate in turn. */
async function fanoutGroup(ctx, system, { listeners, rates }) {
  const publishers = system.kind === 'centrifugo' ? 0 : publishersFor(rates);
  log(`fanout ${system.name}: ${listeners} listeners (+${publishers} publishers)`);
  const deployment = await system.start(ctx, { count: 2 });
  const { instances } = deployment;
  const workers = Math.max(2, Math.ceil(listeners / ctx.opts.perWorker));
  let pool;
  try {
    const users = ctx.students(listeners + publishers);
    const room = await system.room(ctx, deployment, {
      teacher: ctx.teacher(0),
      capacity: listeners + publishers,
      title: `Fan-out ${listeners}`,
    });
    pool = await LoadPool.start({
      workers,
      driver: deployment.driver,
      options: deployment.options,
      publisher: { driver: deployment.driver, options: deployment.options },
      label: `fanout-${system.name}`,
    });
    const targets = users.slice(0, listeners).map((user, i) => ({
      url: instances[i % instances.length].url,
      accessToken: user.accessToken,
      room,
    }));
    const connected = await pool.connect(targets);
    if (connected.failed) throw new Error(`connect: ${JSON.stringify(connected.errors)}`);
    const joins = await pool.each('burst', { op: 'join', concurrency: 100 });
    const joinOutcomes = mergeCounts(joins.map((j) => j.outcomes));
    if (joinOutcomes.OK !== listeners) throw new Error(`joins: ${JSON.stringify(joinOutcomes)}`);
    if (publishers) {
      const pubTargets = users.slice(listeners).map((user, i) => ({
        url: instances[i % instances.length].url,
        accessToken: user.accessToken,
        room,
      }));
      const pub = await pool.publisher.call('connect', { targets: pubTargets });
      if (pub.failed) throw new Error(`publisher connect: ${JSON.stringify(pub.errors)}`);
      const pubJoin = await pool.publisher.call('burst', { op: 'join' });
      if (pubJoin.outcomes.OK !== publishers)
        throw new Error(`publisher joins: ${JSON.stringify(pubJoin.outcomes)}`);
    }
    log(`  connected and joined in ${(connected.ms / 1000).toFixed(1)} s`);
    const results = [];
    for (const rate of rates) {
      results.push({
        system: system.name,
        listeners,
        rate,
        ...(await measureRate(ctx, deployment, pool, room, { listeners, rate })),
        publishers,
        loadWorkers: workers,
        connectSeconds: round(connected.ms / 1000, 1),
        joinShape: joins[0].shape,
      });
    }
    return results;
  } finally {
    await pool?.close();
    await deployment.stop();
  }
}

async function measureRate(ctx, deployment, pool, room, { listeners, rate }) {
  const { warmupMs, measureMs } = ctx.opts;
  await pool.each('reset');
  const startAt = monoMs() + 300;
  const windowFrom = startAt + warmupMs;
  const windowTo = windowFrom + measureMs;
  await pool.each('window', { from: windowFrom, to: windowTo });
  const meter = cpuMeter({
    servers: [...deployment.instances, ctx.redisProcess],
    load: pool.processes,
  });
  const published = await pool.publisher.call('publish', {
    room,
    rate,
    startAt,
    via: deployment.publishVia,
    phases: [
      { name: 'warm', ms: warmupMs },
      { name: 'measure', ms: measureMs },
    ],
  });
  const measured = published.measure;
  const expected = (measured.outcomes.OK ?? 0) * listeners;
  // Drain: wait for the measured comments to arrive (bounded), then collect.
  let collected;
  const deadline = Date.now() + DRAIN_MS;
  for (;;) {
    collected = await pool.each('collect');
    const received = collected.reduce((sum, c) => sum + (c.phases.measure?.count ?? 0), 0);
    if (received >= expected || Date.now() > deadline) break;
    await sleep(250);
  }
  const cpu = meter.stop();
  const received = collected.reduce((sum, c) => sum + (c.phases.measure?.count ?? 0), 0);
  const latency = Histogram.mergeAll(
    collected.filter((c) => c.phases.measure).map((c) => c.phases.measure.hist),
  ).summary();
  const inWindow = collected.reduce((sum, c) => sum + c.inWindow, 0);
  const errors = {};
  for (const phase of Object.values(published))
    for (const [code, n] of Object.entries(phase.outcomes))
      if (code !== 'OK') errors[code] = (errors[code] ?? 0) + n;
  const rss = {};
  for (const instance of deployment.instances) rss[instance.name] = rssBytes(instance.pid);
  const result = {
    offeredPerSec: rate * listeners,
    deliveredPerSec: round(inWindow / (measureMs / 1000), 0),
    latencyMs: roundAll(latency),
    published: measured.sent,
    acked: measured.outcomes.OK ?? 0,
    publishAckMs: roundAll(Histogram.fromJSON(measured.ack).summary()),
    expected,
    received,
    lost: Math.max(0, expected - received),
    lostPct: expected ? round((100 * Math.max(0, expected - received)) / expected, 3) : null,
    duplicates: Math.max(0, received - expected),
    unknownMessages: collected.reduce((sum, c) => sum + c.unknown, 0),
    errors,
    rssBytes: rss,
    serverRssMB: round(Object.values(rss).reduce((a, b) => a + b, 0) / 2 ** 20, 0),
    cpu,
  };
  if (Object.keys(errors).length) log(`  ${rate}/s: publish errors ${JSON.stringify(errors)}`);
  log(
    `  ${rate}/s: delivered ${result.deliveredPerSec}/s of ${result.offeredPerSec}, p50 ` +
      `${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, lost ${result.lost}`,
  );
  return result;
}

function roundAll(summary) {
  const out = {};
  for (const [key, value] of Object.entries(summary))
    out[key] = key === 'count' ? value : round(value, 2);
  return out;
}
