#!/usr/bin/env node
/**
 * `npm run bench`: the cost of a join burst on the real-time channel, measured on the real app.
 *
 * Boots two instances of the built app (src/main.js compiled) on loopback ports, on the same Redis
 * and MongoDB-wire server and a throwaway database:
 *   A  PARTICIPANT_COUNT_INTERVAL_MS unset (the default, 250 ms)   the configuration under test
 *   B  PARTICIPANT_COUNT_INTERVAL_MS=10                             the baseline (nearly uncoalesced)
 * registers a teacher and N students, and on each instance in turn: starts a class, connects N
 * student sockets plus one listening socket of the teacher, has every student JOIN_CLASS at
 * once, then LEAVE_CLASS at once. On A it also measures a HEARTBEAT burst (the round-trip
 * baseline for join latency) and heartbeats per second from all sockets in a closed loop for a
 * fixed time, and the CLASS_ENDED fan-out.
 *
 * Figures are printed as ratios against baselines of the same run (frames per join at 250 ms vs
 * 10 ms; JOIN_CLASS ack latency vs HEARTBEAT ack latency in an equal burst; heartbeat capacity
 * vs the load N sockets put on at the default cadence), so they compare across machines.
 * Exits 1 when an invariant fails: a burst's last PARTICIPANT_COUNT must be the true count.
 *
 *   npm run bench                          N=200, heartbeat loop 5 s
 *   npm run bench -- --students 500 --heartbeat-seconds 10
 *   npm run bench -- --cluster             the same on a local Redis Cluster (tools/redis-cluster.mjs)
 *   npm run bench -- --build               compile the server afresh into .data/bench-build/ (dist/ is
 *                                          used only when it is newer than every source, never rebuilt)
 *   npm run bench -- --json                also print the figures as one JSON line
 *
 * Loopback only; every loop is bounded by a count or a deadline, and a watchdog ends the run.
 * Needs Redis and a MongoDB-wire server (started by tools/services.mjs when nothing answers).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureServices, redact } from '../tools/services.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const { values: args } = parseArgs({
  options: {
    students: { type: 'string', default: process.env.BENCH_STUDENTS ?? '200' },
    'heartbeat-seconds': { type: 'string', default: process.env.BENCH_HEARTBEAT_SECONDS ?? '5' },
    cluster: { type: 'boolean', default: false },
    build: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const N = Math.max(1, Math.min(5000, Number(args.students)));
const HEARTBEAT_SECONDS = Math.max(1, Math.min(120, Number(args['heartbeat-seconds'])));
const WATCHDOG_MS = 10 * 60_000;
const DEFAULT_INTERVAL_MS = 250;
const BASELINE_INTERVAL_MS = 10;
const PRESENCE_TTL_SECONDS = 30;
/** The spread-arrival scenario paces its N joins evenly over this long. */
const SPREAD_MS = 2000;

const log = (line) => process.stderr.write(`bench: ${line}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// Build output: the app and the contract (event names come from libs/contract, as compiled).
// dist/ is used when it is newer than every source; otherwise the server is compiled into a
// private folder, so the bench never rebuilds dist/ under other suites that use it.

const DIST = path.join(ROOT, 'dist');
const PRIVATE_BUILD = path.join(ROOT, '.data', 'bench-build');
const mainOf = (dir) => path.join(dir, 'src', 'main.js');

/** Every file under `dir` whose name ends with one of `extensions`. */
function filesUnder(dir, extensions, found = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) filesUnder(full, extensions, found);
    else if (extensions.some((ext) => entry.name.endsWith(ext))) found.push(full);
  }
  return found;
}

function sources() {
  return ['src', 'libs'].flatMap((dir) => filesUnder(path.join(ROOT, dir), ['.ts', '.lua']));
}

function isFresh(dir) {
  if (!fs.existsSync(mainOf(dir))) return false;
  const built = fs.statSync(mainOf(dir)).mtimeMs;
  return sources().every((file) => fs.statSync(file).mtimeMs <= built);
}

/** tsc into PRIVATE_BUILD, plus the Lua scripts beside their modules (as nest-cli's assets do). */
function buildPrivately() {
  log(`compiling the server into ${path.relative(ROOT, PRIVATE_BUILD)}/ ...`);
  fs.rmSync(PRIVATE_BUILD, { recursive: true, force: true });
  const tsc = require.resolve('typescript/bin/tsc');
  const result = spawnSync(
    process.execPath,
    [tsc, '-p', 'tsconfig.build.json', '--outDir', PRIVATE_BUILD, '--sourceMap', 'false'],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error('tsc failed');
  for (const file of sources().filter((f) => f.endsWith('.lua'))) {
    const target = path.join(PRIVATE_BUILD, path.relative(ROOT, file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file, target);
  }
  fs.utimesSync(mainOf(PRIVATE_BUILD), new Date(), new Date());
}

/** The build to run: {dir, nodeArgs, env}; the private build resolves @llms/* at run time. */
function chooseBuild() {
  if (!args.build && isFresh(DIST)) return { dir: DIST, nodeArgs: [], env: {} };
  if (args.build || !isFresh(PRIVATE_BUILD)) buildPrivately();
  return {
    dir: PRIVATE_BUILD,
    nodeArgs: ['-r', require.resolve('tsconfig-paths/register')],
    env: { TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'), TS_NODE_BASEURL: PRIVATE_BUILD },
  };
}

const BUILD = chooseBuild();
const { CLIENT_EVENTS, SERVER_EVENTS, SOCKET_PATH } = require(
  path.join(BUILD.dir, 'libs', 'contract', 'src'),
);
const { io } = require('socket.io-client');

// ---------------------------------------------------------------------------------------------
// Small helpers

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs `fn` over `items` with at most `limit` in flight. */
async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1),
  };
}

const ms = (value) => `${value.toFixed(1)} ms`;
const ratio = (value) => `${value.toFixed(2)}x`;

// ---------------------------------------------------------------------------------------------
// The app instances

const children = new Set();

function stopChildren() {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
}
process.on('exit', stopChildren);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopChildren();
    process.exit(130);
  });
}

async function startInstance(name, baseEnv, extraEnv) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...BUILD.nodeArgs, mainOf(BUILD.dir)], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...BUILD.env,
      ...baseEnv,
      ...extraEnv,
      PORT: String(port),
      PUBLIC_URL: url,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.add(child);
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`instance ${name} exited with ${child.exitCode}:\n${stderr}`);
    try {
      const response = await fetch(`${url}/health/ready`);
      if (response.ok)
        return {
          name,
          url,
          child,
          intervalMs: Number(extraEnv.PARTICIPANT_COUNT_INTERVAL_MS ?? DEFAULT_INTERVAL_MS),
        };
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`instance ${name} did not become ready at ${url}:\n${stderr}`);
}

async function stopInstance(instance) {
  if (instance.child.exitCode !== null) return;
  const exited = new Promise((resolve) => instance.child.once('exit', resolve));
  instance.child.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000)]);
  if (instance.child.exitCode === null) instance.child.kill('SIGKILL');
}

// ---------------------------------------------------------------------------------------------
// Users, over HTTP (cookies and CSRF as a browser would send them)

async function call(baseUrl, method, route, { body, session } = {}) {
  const headers = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (session) {
    headers.cookie = `access_token=${session.accessToken}`;
    if (method !== 'GET') headers['x-csrf-token'] = session.csrfToken;
  }
  const response = await fetch(`${baseUrl}${route}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!json.success)
    throw new Error(`${method} ${route}: ${response.status} ${JSON.stringify(json.error)}`);
  return { json, response };
}

async function register(baseUrl, name, capabilities) {
  const email = `bench-${randomBytes(6).toString('hex')}@example.test`;
  const { json, response } = await call(baseUrl, 'POST', '/api/auth/register', {
    body: { name, email, password: 'correct horse battery', capabilities },
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('access_token='));
  if (!cookie) throw new Error('register: no access_token cookie');
  return {
    id: json.data.user.id,
    name,
    accessToken: cookie.split(';')[0].slice('access_token='.length),
    csrfToken: json.data.csrfToken,
  };
}

// ---------------------------------------------------------------------------------------------
// Sockets

function connect(instance, session) {
  const socket = io(instance.url, {
    path: SOCKET_PATH,
    transports: ['websocket'],
    extraHeaders: { origin: instance.url, cookie: `access_token=${session.accessToken}` },
    reconnection: false,
    forceNew: true,
    timeout: 20_000,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(new Error(`connect_error ${JSON.stringify(error.data ?? error.message)}`));
    });
  });
}

/** Emits and resolves with {ms, envelope}; a missing ack counts as a failure after 20 s. */
async function timedAck(socket, event, payload) {
  const startedAt = performance.now();
  try {
    const envelope = await socket.timeout(20_000).emitWithAck(event, payload);
    return { ms: performance.now() - startedAt, envelope };
  } catch {
    return {
      ms: performance.now() - startedAt,
      envelope: { success: false, error: { code: 'NO_ACK' } },
    };
  }
}

function outcomes(results) {
  const counts = {};
  for (const { envelope } of results) {
    const key = envelope.success ? 'OK' : envelope.error.code;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Waits until `done()` holds and no new frame arrived for `quietMs` (or the deadline passes). */
async function settle(frames, done, quietMs, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const last = frames.at(-1);
    if (done() && last && performance.now() - last.at >= quietMs) return true;
    await sleep(20);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// One scenario on one instance

async function scenario(instance, teacher, students, { heartbeats }) {
  const { intervalMs } = instance;
  const { json: created } = await call(instance.url, 'POST', '/api/classes', {
    session: teacher,
    body: { title: `Bench ${instance.name}`, capacity: students.length },
  });
  const classId = created.data.class.id;
  await call(instance.url, 'POST', `/api/classes/${classId}/start`, { session: teacher });

  const teacherSocket = await connect(instance, teacher);
  const sockets = await mapLimit(students, 25, (student) => connect(instance, student));
  /** PARTICIPANT_COUNT frames at the teacher, with arrival time. */
  const frames = [];
  teacherSocket.on(SERVER_EVENTS.PARTICIPANT_COUNT, (message) => {
    if (message.classId === classId) frames.push({ count: message.count, at: performance.now() });
  });
  let studentFrames = 0;
  for (const socket of sockets) socket.on(SERVER_EVENTS.PARTICIPANT_COUNT, () => studentFrames++);
  const result = { instance: instance.name, intervalMs, students: students.length };

  // Join burst.
  const joinStart = performance.now();
  const joins = await Promise.all(
    sockets.map((socket) => timedAck(socket, CLIENT_EVENTS.JOIN_CLASS, { classId })),
  );
  const joinAcked = performance.now();
  const quietMs = 4 * intervalMs + 200;
  const joinSettled = await settle(frames, () => frames.at(-1)?.count === students.length, quietMs);
  result.join = {
    outcomes: outcomes(joins),
    latency: stats(joins.map((j) => j.ms)),
    burstMs: joinAcked - joinStart,
    frames: frames.length,
    lastCount: frames.at(-1)?.count ?? null,
    settled: joinSettled,
    trueCountAfterMs: joinSettled ? frames.at(-1).at - joinStart : null,
    studentFrames,
  };

  if (heartbeats) {
    // HEARTBEAT burst of the same shape: the round-trip baseline for the join latency.
    const beats = await Promise.all(
      sockets.map((socket) => timedAck(socket, CLIENT_EVENTS.HEARTBEAT, {})),
    );
    result.heartbeatBurst = { outcomes: outcomes(beats), latency: stats(beats.map((b) => b.ms)) };

    // Closed loop: every socket heartbeats again as soon as its ack arrives, for a fixed time.
    const until = performance.now() + HEARTBEAT_SECONDS * 1000;
    const latencies = [];
    const failed = { count: 0 };
    await Promise.all(
      sockets.map(async (socket) => {
        for (let i = 0; i < 1_000_000 && performance.now() < until; i++) {
          const beat = await timedAck(socket, CLIENT_EVENTS.HEARTBEAT, {});
          if (beat.envelope.success) latencies.push(beat.ms);
          else failed.count++;
        }
      }),
    );
    result.heartbeatLoop = {
      seconds: HEARTBEAT_SECONDS,
      acks: latencies.length,
      failed: failed.count,
      perSecond: latencies.length / HEARTBEAT_SECONDS,
      latency: stats(latencies),
      // At the default cadence each socket sends one HEARTBEAT every ttlSeconds / 3.
      cadencePerSecond: students.length / (PRESENCE_TTL_SECONDS / 3),
    };
  }

  // Leave burst: the last frame must come back to 0.
  const framesBefore = frames.length;
  const leaveStart = performance.now();
  const leaves = await Promise.all(
    sockets.map((socket) => timedAck(socket, CLIENT_EVENTS.LEAVE_CLASS, { classId })),
  );
  const leaveSettled = await settle(
    frames,
    () => frames.length > framesBefore && frames.at(-1).count === 0,
    quietMs,
  );
  result.leave = {
    outcomes: outcomes(leaves),
    latency: stats(leaves.map((l) => l.ms)),
    frames: frames.length - framesBefore,
    lastCount: frames.at(-1)?.count ?? null,
    settled: leaveSettled,
  };

  // Spread arrival: the same N joins paced evenly over SPREAD_MS, as students trickle in.
  const framesBeforeSpread = frames.length;
  const spreadStart = performance.now();
  const spread = await Promise.all(
    sockets.map(async (socket, i) => {
      await sleep((i * SPREAD_MS) / sockets.length);
      return timedAck(socket, CLIENT_EVENTS.JOIN_CLASS, { classId });
    }),
  );
  const spreadSettled = await settle(
    frames,
    () => frames.length > framesBeforeSpread && frames.at(-1).count === students.length,
    quietMs,
  );
  result.spread = {
    outcomes: outcomes(spread),
    latency: stats(spread.map((j) => j.ms)),
    frames: frames.length - framesBeforeSpread,
    lastCount: frames.at(-1)?.count ?? null,
    settled: spreadSettled,
    trueCountAfterMs: spreadSettled ? frames.at(-1).at - spreadStart : null,
  };

  // End: CLASS_ENDED reaches every socket following the class (the teacher's and every student's).
  let endedSeen = 0;
  let lastEndedAt = 0;
  for (const socket of [teacherSocket, ...sockets]) {
    socket.once(SERVER_EVENTS.CLASS_ENDED, () => {
      endedSeen++;
      lastEndedAt = performance.now();
    });
  }
  const endStart = performance.now();
  await call(instance.url, 'POST', `/api/classes/${classId}/end`, { session: teacher });
  const endAnswered = performance.now() - endStart;
  const deadline = Date.now() + 10_000;
  while (endedSeen < sockets.length + 1 && Date.now() < deadline) await sleep(10);
  result.end = {
    restMs: endAnswered,
    classEndedSeen: endedSeen,
    expected: sockets.length + 1,
    fanOutMs: lastEndedAt - endStart,
  };

  teacherSocket.close();
  for (const socket of sockets) socket.close();
  return result;
}

// ---------------------------------------------------------------------------------------------

function report(a, b) {
  const lines = [];
  const line = (label, value) => lines.push(`  ${label.padEnd(52)} ${value}`);
  lines.push(
    '',
    `PARTICIPANT_COUNT coalescing, ${N} students joining at once (frames at the teacher's socket)`,
  );
  for (const r of [a, b]) {
    line(
      `interval ${r.intervalMs} ms: frames for ${N} joins`,
      `${r.join.frames} (${(r.join.frames / N).toFixed(3)} per join), last count ${r.join.lastCount}/${N}${r.join.settled ? '' : ' NOT SETTLED'}`,
    );
  }
  line(
    `frames at ${DEFAULT_INTERVAL_MS} ms vs ${BASELINE_INTERVAL_MS} ms (baseline)`,
    ratio(a.join.frames / b.join.frames),
  );
  line(
    `frames at ${DEFAULT_INTERVAL_MS} ms vs one per join (uncoalesced)`,
    ratio(a.join.frames / N),
  );
  line(
    `frames to all ${N + 1} listeners at ${DEFAULT_INTERVAL_MS} ms / ${BASELINE_INTERVAL_MS} ms`,
    `${a.join.studentFrames + a.join.frames} / ${b.join.studentFrames + b.join.frames} (uncoalesced: ~${N * (N + 1)})`,
  );
  line(
    'true count seen after (from burst start)',
    `${ms(a.join.trueCountAfterMs ?? NaN)} / ${ms(b.join.trueCountAfterMs ?? NaN)}`,
  );
  line(
    `leave burst frames, last count`,
    `${a.leave.frames}, ${a.leave.lastCount} / ${b.leave.frames}, ${b.leave.lastCount}`,
  );

  lines.push(
    '',
    `PARTICIPANT_COUNT coalescing, ${N} joins spread evenly over ${SPREAD_MS / 1000} s`,
  );
  for (const r of [a, b]) {
    line(
      `interval ${r.intervalMs} ms: frames for ${N} joins`,
      `${r.spread.frames} (${(r.spread.frames / N).toFixed(3)} per join), last count ${r.spread.lastCount}/${N}${r.spread.settled ? '' : ' NOT SETTLED'}`,
    );
  }
  line(
    `frames at ${DEFAULT_INTERVAL_MS} ms vs ${BASELINE_INTERVAL_MS} ms (baseline)`,
    ratio(a.spread.frames / b.spread.frames),
  );
  line(
    `frames at ${DEFAULT_INTERVAL_MS} ms vs one per join (uncoalesced)`,
    ratio(a.spread.frames / N),
  );
  line(
    `bound: at most ceil(${SPREAD_MS} ms / interval) + 1 frames`,
    `${Math.ceil(SPREAD_MS / DEFAULT_INTERVAL_MS) + 1} at ${DEFAULT_INTERVAL_MS} ms`,
  );
  line(
    'true count seen after (from first join)',
    `${ms(a.spread.trueCountAfterMs ?? NaN)} / ${ms(b.spread.trueCountAfterMs ?? NaN)}`,
  );

  lines.push(
    '',
    `Ack latency, ${N} sockets emitting at once (interval ${DEFAULT_INTERVAL_MS} ms instance)`,
  );
  const jl = a.join.latency;
  const hl = a.heartbeatBurst.latency;
  line(
    'JOIN_CLASS p50 / p95 / p99',
    `${ms(jl.p50)} / ${ms(jl.p95)} / ${ms(jl.p99)}  outcomes ${JSON.stringify(a.join.outcomes)}`,
  );
  line(
    'HEARTBEAT burst p50 / p95 / p99 (baseline)',
    `${ms(hl.p50)} / ${ms(hl.p95)} / ${ms(hl.p99)}  outcomes ${JSON.stringify(a.heartbeatBurst.outcomes)}`,
  );
  line(
    'JOIN_CLASS vs HEARTBEAT p50 / p95 / p99',
    `${ratio(jl.p50 / hl.p50)} / ${ratio(jl.p95 / hl.p95)} / ${ratio(jl.p99 / hl.p99)}`,
  );
  line(
    'JOIN_CLASS p50 / p99 at 10 ms interval (instance B)',
    `${ms(b.join.latency.p50)} / ${ms(b.join.latency.p99)}`,
  );
  line('LEAVE_CLASS p50 / p99', `${ms(a.leave.latency.p50)} / ${ms(a.leave.latency.p99)}`);

  const loop = a.heartbeatLoop;
  lines.push('', `Heartbeats, ${N} sockets in a closed loop for ${loop.seconds} s (one instance)`);
  line(
    'HEARTBEAT acks per second',
    `${loop.perSecond.toFixed(0)} (p50 ${ms(loop.latency.p50)}, p99 ${ms(loop.latency.p99)}, failed ${loop.failed})`,
  );
  line(
    `vs the load of ${N} sockets at the default cadence (${loop.cadencePerSecond.toFixed(0)}/s)`,
    ratio(loop.perSecond / loop.cadencePerSecond),
  );
  line(
    '=> sockets one instance could keep present',
    `~${Math.floor((loop.perSecond * PRESENCE_TTL_SECONDS) / 3)}`,
  );

  lines.push('', 'Class end');
  line(
    'POST end answered / CLASS_ENDED at all sockets',
    `${ms(a.end.restMs)} / ${ms(a.end.fanOutMs)} (${a.end.classEndedSeen}/${a.end.expected} sockets)`,
  );
  return lines.join('\n');
}

function check(a, b) {
  const problems = [];
  for (const r of [a, b]) {
    if (r.join.outcomes.OK !== N)
      problems.push(`${r.instance}: ${N} joins gave ${JSON.stringify(r.join.outcomes)}`);
    if (r.join.lastCount !== N)
      problems.push(
        `${r.instance}: last PARTICIPANT_COUNT after the join burst was ${r.join.lastCount}, not ${N}`,
      );
    if (r.leave.lastCount !== 0)
      problems.push(
        `${r.instance}: last PARTICIPANT_COUNT after the leave burst was ${r.leave.lastCount}, not 0`,
      );
    if (r.end.classEndedSeen !== r.end.expected)
      problems.push(
        `${r.instance}: CLASS_ENDED reached ${r.end.classEndedSeen}/${r.end.expected} sockets`,
      );
    if (r.spread.outcomes.OK !== N)
      problems.push(`${r.instance}: ${N} spread joins gave ${JSON.stringify(r.spread.outcomes)}`);
    if (r.spread.lastCount !== N)
      problems.push(
        `${r.instance}: last PARTICIPANT_COUNT after the spread joins was ${r.spread.lastCount}, not ${N}`,
      );
    // At most one frame per interval.
    for (const [name, phase] of [
      ['join burst', r.join],
      ['spread joins', r.spread],
    ]) {
      const bound = Math.ceil((phase.trueCountAfterMs ?? 0) / r.intervalMs) + 1;
      if (phase.frames > bound)
        problems.push(
          `${r.instance} ${name}: ${phase.frames} frames in ${ms(phase.trueCountAfterMs)}, more than one per ${r.intervalMs} ms`,
        );
    }
  }
  if (a.heartbeatLoop.failed) problems.push(`A: ${a.heartbeatLoop.failed} heartbeats failed`);
  return problems;
}

async function main() {
  const watchdog = setTimeout(() => {
    log(`watchdog: still running after ${WATCHDOG_MS / 60_000} min, stopping`);
    stopChildren();
    process.exit(1);
  }, WATCHDOG_MS);
  watchdog.unref();

  const env = { ...process.env };
  if (args.cluster) {
    const out = spawnSync(process.execPath, [path.join(ROOT, 'tools', 'redis-cluster.mjs')], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const nodes = /^REDIS_CLUSTER_NODES=(\S+)$/m.exec(out.stdout ?? '')?.[1];
    if (!nodes) throw new Error(`tools/redis-cluster.mjs failed:\n${out.stdout}${out.stderr}`);
    env.REDIS_CLUSTER_NODES = nodes;
    // Stop the cluster afterwards only if this run started it.
    if (/redis-cluster: started/.test(out.stdout)) {
      process.on('exit', () => {
        spawnSync(process.execPath, [path.join(ROOT, 'tools', 'redis-cluster.mjs'), 'stop']);
      });
    }
  }
  const services = await ensureServices({ env, log });
  const mongo = new URL(services.MONGODB_URI);
  mongo.pathname = `/llms_bench_${randomBytes(4).toString('hex')}`;
  const baseEnv = {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    COOKIE_SECURE: 'false',
    JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
    CSRF_SECRET: randomBytes(32).toString('hex'),
    AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
    PRESENCE_TTL_SECONDS: String(PRESENCE_TTL_SECONDS),
    MONGODB_URI: mongo.toString(),
    REDIS_URL: services.REDIS_URL,
    ...(services.REDIS_CLUSTER_NODES ? { REDIS_CLUSTER_NODES: services.REDIS_CLUSTER_NODES } : {}),
  };
  delete env.PARTICIPANT_COUNT_INTERVAL_MS;
  log(
    `redis ${services.REDIS_CLUSTER_NODES ? `cluster ${services.REDIS_CLUSTER_NODES}` : redact(services.REDIS_URL)}, mongodb ${redact(baseEnv.MONGODB_URI)}`,
  );

  const instances = [];
  try {
    const [a, b] = await Promise.all([
      startInstance('A', baseEnv, {}),
      startInstance('B', baseEnv, { PARTICIPANT_COUNT_INTERVAL_MS: String(BASELINE_INTERVAL_MS) }),
    ]);
    instances.push(a, b);
    log(
      `instances A ${a.url} (interval ${DEFAULT_INTERVAL_MS} ms), B ${b.url} (interval ${BASELINE_INTERVAL_MS} ms)`,
    );

    const registerStart = performance.now();
    const teacher = await register(a.url, 'Bench Teacher', ['TEACHER']);
    const students = await mapLimit(
      Array.from({ length: N }, (_, i) => i),
      8,
      (i) => register(a.url, `Bench Student ${i + 1}`),
    );
    log(
      `registered 1 teacher and ${N} students in ${((performance.now() - registerStart) / 1000).toFixed(1)} s`,
    );

    // Warm-up: the same path on both instances (JIT, connection pools, script caches), not measured.
    const warmup = students.slice(0, Math.min(N, 20));
    for (const instance of [a, b]) await scenario(instance, teacher, warmup, { heartbeats: false });
    log(`warmed up both instances with ${warmup.length} students`);

    log(`A: join burst, heartbeats for ${HEARTBEAT_SECONDS} s, leave burst, end`);
    const resultA = await scenario(a, teacher, students, { heartbeats: true });
    log('B: join burst, leave burst, end');
    const resultB = await scenario(b, teacher, students, { heartbeats: false });

    console.log(
      `\nLLMS real-time bench: ${N} students, ${services.REDIS_CLUSTER_NODES ? 'Redis Cluster' : 'Redis'}, node ${process.version}`,
    );
    console.log(report(resultA, resultB));
    if (args.json) console.log(JSON.stringify({ students: N, a: resultA, b: resultB }));
    const problems = check(resultA, resultB);
    console.log(
      problems.length ? `\nFAILED:\n  ${problems.join('\n  ')}` : '\nAll invariants held.',
    );
    process.exitCode = problems.length ? 1 : 0;
  } finally {
    await Promise.all(instances.map(stopInstance));
    stopChildren();
    await dropDatabase(baseEnv.MONGODB_URI);
  }
}

/** Removes the bench's throwaway database. */
async function dropDatabase(uri) {
  try {
    const { MongoClient } = require('mongodb');
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 3000 });
    await client.connect();
    await client.db().dropDatabase();
    await client.close();
  } catch (error) {
    log(`could not drop the bench database: ${error.message}`);
  }
}

main().catch((error) => {
  console.error(`bench: ${error?.stack ?? error}`);
  stopChildren();
  process.exit(1);
});
