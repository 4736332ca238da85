/**
 * PARTICIPANT_COUNT coalescing (what bench/participant-count.mjs measured before the suite): a
 * burst of N joins must cost each listener O(duration / interval) frames, not O(N), and the last
 * frame must carry the true count. Two instances of the same build run side by side:
 *   A  PARTICIPANT_COUNT_INTERVAL_MS unset (the default, 250 ms)   the configuration under test
 *   B  PARTICIPANT_COUNT_INTERVAL_MS=10                             the baseline (nearly uncoalesced)
 * On each: a live class, its teacher's socket listening (the observer) and N student sockets;
 * every student joins at once, then leaves at once, then joins again paced evenly over 2 s, then
 * the class ends (CLASS_ENDED must reach every socket). On A a HEARTBEAT burst of the same shape
 * gives the round-trip baseline for the JOIN_CLASS ack latency.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { endClass } from '../lib/llms.mjs';
import { LoadPool, mergeCounts } from '../lib/pool.mjs';
import { cpuMeter, log } from '../lib/proc.mjs';
import { Histogram, monoMs, ratio, round } from '../lib/stats.mjs';

const DEFAULT_INTERVAL_MS = 250;
const BASELINE_INTERVAL_MS = 10;
const SPREAD_MS = 2000;
const SETTLE_TIMEOUT_MS = 15_000;

export async function runCoalescing(ctx, systems) {
  const runs = [];
  for (const system of systems) {
    for (const [label, intervalMs, teacher] of [
      ['A', DEFAULT_INTERVAL_MS, 10],
      ['B', BASELINE_INTERVAL_MS, 11],
    ]) {
      try {
        runs.push(await coalescingOf(ctx, system, { label, intervalMs, teacher }));
      } catch (error) {
        log(`coalescing ${system.name} ${label}: ${error.message}`);
        runs.push({ system: system.name, instance: label, intervalMs, error: error.message });
      }
      await ctx.between();
    }
  }
  for (const system of systems) {
    const [a, b] = ['A', 'B'].map((l) =>
      runs.find((r) => r.system === system.name && r.instance === l),
    );
    if (a?.join && b?.join) {
      a.versusBaseline = {
        joinBurstFrames: round(ratio(a.join.frames, b.join.frames), 3),
        spreadFrames: round(ratio(a.spread.frames, b.spread.frames), 3),
      };
    }
  }
  return {
    config: {
      students: ctx.opts.coalescing,
      intervals: { A: DEFAULT_INTERVAL_MS, B: BASELINE_INTERVAL_MS },
      spreadSeconds: SPREAD_MS / 1000,
    },
    runs,
  };
}

async function coalescingOf(ctx, system, { label, intervalMs, teacher: teacherIndex }) {
  const n = ctx.opts.coalescing;
  log(`coalescing ${system.name} ${label} (interval ${intervalMs} ms): ${n} students`);
  const env = label === 'A' ? {} : { PARTICIPANT_COUNT_INTERVAL_MS: String(intervalMs) };
  const deployment = await system.start(ctx, { count: 1, env });
  const [instance] = deployment.instances;
  const teacher = ctx.teacher(teacherIndex);
  let pool;
  try {
    const room = await system.room(ctx, deployment, { teacher, capacity: n, title: 'Coalescing' });
    pool = await LoadPool.start({
      workers: Math.max(1, Math.ceil(n / ctx.opts.perWorker)),
      driver: deployment.driver,
      options: deployment.options,
      label: `coalescing-${label}`,
    });
    // The teacher's socket first: it lands first on worker 1 and is the observer.
    const targets = [teacher, ...ctx.students(n)].map((user) => ({
      url: instance.url,
      accessToken: user.accessToken,
      room,
    }));
    const connected = await pool.connect(targets);
    if (connected.failed) throw new Error(`connect: ${JSON.stringify(connected.errors)}`);
    const students = (extra) => (i) => ({ ...extra, from: i === 0 ? 1 : 0 });
    const quietMs = 4 * intervalMs + 200;
    const meter = cpuMeter({ servers: [instance, ctx.redisProcess], load: pool.processes });

    const join = await phase(pool, n, quietMs, students({ op: 'join', room }));
    const result = {
      system: system.name,
      case: `${label}: interval ${intervalMs} ms`,
      instance: label,
      intervalMs,
      students: n,
      join,
    };
    if (label === 'A') {
      const beats = await pool.each('burst', { op: 'heartbeat', startAt: monoMs() + 100 });
      result.heartbeatBurst = burstStats(beats);
    }
    result.leave = await phase(pool, 0, quietMs, students({ op: 'leave', room }));
    result.spread = await phase(
      pool,
      n,
      quietMs,
      students({ op: 'join', room, spreadMs: SPREAD_MS }),
    );

    await pool.each('reset');
    const endStart = monoMs();
    await endClass(instance.url, teacher, room.classId);
    const endAnswered = monoMs() - endStart;
    let ended = { seen: 0, lastAt: 0 };
    for (let i = 0; i < 200 && ended.seen < n + 1; i++) {
      await sleep(50);
      const frames = await pool.each('frames');
      ended = {
        seen: frames.reduce((sum, f) => sum + f.ended, 0),
        lastAt: Math.max(...frames.map((f) => f.lastEndedAt)),
      };
    }
    result.end = {
      restMs: round(endAnswered, 1),
      classEndedSeen: ended.seen,
      expected: n + 1,
      fanOutMs: ended.seen ? round(ended.lastAt - endStart, 1) : null,
    };
    result.cpu = meter.stop();
    result.problems = check(result);
    for (const problem of result.problems) log(`  PROBLEM: ${problem}`);
    return result;
  } finally {
    await pool?.close();
    await deployment.stop();
  }
}

/**
 * Runs one burst (`args(i)` per worker) at an agreed instant and waits until the observer's last
 * frame shows `expected` and no frame came for `quietMs`; resolves the frame figures.
 */
async function phase(pool, expected, quietMs, args) {
  await pool.each('reset');
  const startAt = monoMs() + 200;
  const bursts = await pool.each('burst', (i) => ({ ...args(i), startAt }));
  let frames;
  let settled = false;
  const deadline = monoMs() + SETTLE_TIMEOUT_MS;
  while (monoMs() < deadline) {
    frames = await pool.each('frames');
    const observed = frames[0].observer;
    const last = observed.at(-1);
    if (last?.count === expected && monoMs() - last.at >= quietMs) {
      settled = true;
      break;
    }
    await sleep(25);
  }
  const observed = frames[0].observer;
  const last = observed.at(-1);
  return {
    ...burstStats(bursts),
    frames: observed.length,
    framesPerChange: round(
      observed.length /
        Math.max(
          1,
          bursts.reduce((s, b) => s + (b.outcomes.OK ?? 0), 0),
        ),
      4,
    ),
    framesAllListeners: frames.reduce((sum, f) => sum + f.total, 0),
    lastCount: last?.count ?? null,
    settled,
    trueCountAfterMs: settled ? round(last.at - startAt, 1) : null,
  };
}

function burstStats(bursts) {
  const latency = Histogram.mergeAll(bursts.map((b) => b.hist)).summary();
  return {
    outcomes: mergeCounts(bursts.map((b) => b.outcomes)),
    ackMs: {
      p50: round(latency.p50, 1),
      p99: round(latency.p99, 1),
      max: round(latency.max, 1),
    },
  };
}

/** The invariants: every op succeeded, the last frame is the true count, one frame per interval. */
function check(r) {
  const problems = [];
  const n = r.students;
  for (const [name, p, expected] of [
    ['join burst', r.join, n],
    ['leave burst', r.leave, 0],
    ['spread joins', r.spread, n],
  ]) {
    if (p.outcomes.OK !== n) problems.push(`${name}: ${JSON.stringify(p.outcomes)}`);
    if (p.lastCount !== expected)
      problems.push(`${name}: last PARTICIPANT_COUNT ${p.lastCount}, not ${expected}`);
    const bound = Math.ceil((p.trueCountAfterMs ?? 0) / r.intervalMs) + 1;
    if (p.frames > bound)
      problems.push(
        `${name}: ${p.frames} frames in ${p.trueCountAfterMs} ms, more than one per ${r.intervalMs} ms`,
      );
  }
  if (r.end.classEndedSeen !== r.end.expected)
    problems.push(`CLASS_ENDED reached ${r.end.classEndedSeen}/${r.end.expected} sockets`);
  return problems;
}
