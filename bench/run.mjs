#!/usr/bin/env node
/**
 * `npm run bench`: the LLMS benchmark suite (about 300 lines on purpose: the one place that
 * wires options, servers, accounts and every scenario together, top to bottom). Starts every server itself (LLMS from the built
 * dist/src/main.js, the bare Socket.IO baseline, Centrifugo), each scenario's load in separate
 * worker processes, all on loopback, on a redis-server of its own; prints a table and writes
 * bench/results/<timestamp>.json + .svg and latest.json + latest.svg. See bench/README.md.
 *
 *   npm run bench                              every scenario, default sizes (~10 min)
 *   npm run bench -- --quick                   a smoke run
 *   npm run bench -- --only fanout,memory      some scenarios
 *   npm run bench -- --ref main                also LLMS as built from `main`, as llms@<sha>
 *
 * Every loop is bounded, a watchdog ends the run after 45 minutes, and every process started
 * here is stopped on the way out.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../tools/lib/index.js';
import { ensureServices } from '../tools/services.mjs';
import { CENTRIFUGO_VERSION, ensureCentrifugo } from './centrifugo/centrifugo.mjs';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  accountWorks,
  dropDatabase,
  prepareAccounts,
} from './lib/accounts.mjs';
import { currentBuild } from './lib/llms.mjs';
import { parseOptions } from './lib/options.mjs';
import { cpuSeconds, killAll, log, startWatchdog } from './lib/proc.mjs';
import { round } from './lib/stats.mjs';
import { flushAll, startRedis } from './lib/redis.mjs';
import { prepareRef } from './lib/refs.mjs';
import { printReport, problems } from './lib/report.mjs';
import { renderChart } from './lib/svg.mjs';
import { baselineSystem, centrifugoSystem, llmsSystem } from './lib/systems.mjs';
import { runCoalescing } from './scenarios/coalescing.mjs';
import { publishersFor, runFanout } from './scenarios/fanout.mjs';
import { runJoin } from './scenarios/join.mjs';
import { runMemory } from './scenarios/memory.mjs';
import { PRESENCE_CLASS_SIZES, runPresence } from './scenarios/presence.mjs';

const WATCHDOG_MS = 45 * 60_000;
const RESULTS = path.join(ROOT, 'bench', 'results');
/** Teachers for the fixed roles, at the end of the pool (students are taken from the start). */
const TEACHERS = 40;

/** Which systems each scenario runs on (llms includes the --ref builds). */
const SCENARIOS = {
  fanout: { run: runFanout, kinds: ['llms', 'baseline', 'centrifugo'] },
  memory: { run: runMemory, kinds: ['llms', 'baseline'] },
  join: { run: runJoin, kinds: ['llms'] },
  coalescing: { run: runCoalescing, kinds: ['llms'] },
  presence: { run: runPresence, kinds: ['llms'] },
};

/** Students the selected scenarios need at most (publishers included). */
function studentsNeeded(opts) {
  const sizes = [0];
  if (opts.only.includes('fanout'))
    sizes.push(...opts.fanout.map((g) => g.listeners + publishersFor(g.rates)));
  if (opts.only.includes('memory')) sizes.push(...opts.memory);
  if (opts.only.includes('join')) sizes.push(opts.join);
  if (opts.only.includes('coalescing')) sizes.push(opts.coalescing);
  if (opts.only.includes('presence')) sizes.push(opts.presence);
  return Math.max(...sizes);
}

/** Teacher accounts, kept apart from the students so nobody is both in one run. */
function teachersNeeded(opts) {
  // Presence uses teachers 20 and up, one per class, in its smallest classes.
  const presenceTeachers = opts.only.includes('presence')
    ? 20 + Math.ceil(opts.presence / Math.min(...PRESENCE_CLASS_SIZES))
    : 0;
  return Math.max(TEACHERS, presenceTeachers);
}

async function main() {
  const opts = parseOptions();
  const stopWatchdog = startWatchdog(WATCHDOG_MS);
  const startedAt = new Date();
  const runId = randomBytes(4).toString('hex');
  const workDir = path.join(ROOT, '.data', 'bench', `run-${runId}`);
  removeStaleRunDirs();
  fs.mkdirSync(workDir, { recursive: true });
  const selfCpuStart = process.cpuUsage();
  const loadBefore = os.loadavg();

  const services = await ensureServices({ log: (line) => log(line) });
  const redis = await startRedis('redis');
  log(`bench redis-server on ${redis.url}; MongoDB-wire at ${new URL(services.MONGODB_URI).host}`);

  let mongodbUri = null;
  const results = {};
  try {
    const build = currentBuild();
    const systems = [];
    const skipped = {};
    if (opts.systems.includes('llms')) {
      systems.push(llmsSystem(build));
      for (const variant of opts.variants) systems.push(llmsSystem(build, variant));
      for (const ref of opts.refs) {
        try {
          systems.push(llmsSystem(await prepareRef(ref)));
        } catch (error) {
          skipped[`llms@${ref}`] = error.message;
          log(`--ref ${ref}: skipped: ${error.message}`);
        }
      }
    }
    if (opts.systems.includes('socket.io')) systems.push(baselineSystem);
    let centrifugo = { version: CENTRIFUGO_VERSION, nodes: 2, engine: 'redis' };
    if (opts.systems.includes('centrifugo') && opts.only.includes('fanout')) {
      const { binary, reason } = await ensureCentrifugo();
      if (binary) {
        systems.push(centrifugoSystem(binary));
        centrifugo.binary = path.relative(ROOT, binary);
      } else {
        centrifugo.skipped = reason;
        log(`Centrifugo skipped: ${reason}`);
      }
    }

    const students = studentsNeeded(opts);
    const prepared = await prepareAccounts({
      count: students + teachersNeeded(opts),
      build,
      mongoBaseUri: services.MONGODB_URI,
      redisUrl: redis.url,
      runId,
      fresh: opts.freshAccounts,
    });
    mongodbUri = prepared.mongodbUri;
    const accounts = prepared.accounts;
    const ctx = {
      opts,
      workDir,
      redisUrl: redis.url,
      redisProcess: { name: 'redis', pid: redis.handle.pid },
      run: {
        secrets: prepared.secrets,
        accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS,
        mongodbUri,
        redisUrl: redis.url,
      },
      students: (n) => accounts.slice(0, n),
      teacher: (k) => accounts[accounts.length - 1 - k],
      /** Between two deployments: nothing of the last one stays in Redis. */
      between: () => flushAll(redis.url),
    };

    // A --ref build must recognise the run's accounts (same secrets, same user documents).
    for (const system of systems.filter((s) => s.kind === 'llms' && s.build !== build)) {
      const reason = await probeAccounts(ctx, system, accounts[0]);
      if (!reason) continue;
      skipped[system.name] = reason;
      log(`${system.name}: skipped: ${reason}`);
      systems.splice(systems.indexOf(system), 1);
    }

    for (const [name, scenario] of Object.entries(SCENARIOS)) {
      if (!opts.only.includes(name)) continue;
      const on = systems.filter((s) => scenario.kinds.includes(s.kind));
      if (!on.length) continue;
      log(`--- ${name} (${on.map((s) => s.name).join(', ')})`);
      const t0 = Date.now();
      results[name] = await scenario.run(ctx, on);
      results[name].seconds = Math.round((Date.now() - t0) / 1000);
      await ctx.between();
    }

    results.baseline = systemView(results, 'socket.io', {
      server: 'bench/baseline/server.mjs',
      socketIo: packageVersion('socket.io'),
      redisAdapter: packageVersion('@socket.io/redis-adapter'),
    });
    results.centrifugo = systemView(results, 'centrifugo', centrifugo);
    const endedAt = new Date();
    results.meta = {
      startedAt: startedAt.toISOString(),
      endedAt: endedAt.toISOString(),
      seconds: Math.round((endedAt - startedAt) / 1000),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        memoryGiB: round(os.totalmem() / 2 ** 30, 1),
        platform: `${os.platform()} ${os.release()}`,
        loadAverageBefore: loadBefore.map((v) => round(v, 2)),
        loadAverageAfter: os.loadavg().map((v) => round(v, 2)),
      },
      node: process.version,
      git: { sha: build.sha, dirty: build.dirty },
      systems: systems.map((s) => ({ name: s.name, kind: s.kind, sha: s.build?.sha ?? null })),
      skipped,
      options: opts,
      accounts: { count: accounts.length, registeredThrough: 'POST /api/auth/register' },
      cpu: cpuSummary(results, selfCpuStart, redis),
    };
    printReport(results);
    results.meta.problems = problems(results);
    if (opts.write) writeResults(results, startedAt);
    if (results.meta.problems.length) process.exitCode = 1;
  } finally {
    await redis.stop();
    if (mongodbUri) await dropDatabase(mongodbUri);
    fs.rmSync(workDir, { recursive: true, force: true });
    stopWatchdog();
  }
}

/** Null when one instance of `system` recognises `account`, else why not. */
async function probeAccounts(ctx, system, account) {
  let deployment;
  try {
    deployment = await system.start(ctx, { count: 1 });
    const works = await accountWorks(deployment.instances[0].url, account);
    return works ? null : 'it does not recognise the bench accounts (GET /api/users/me failed)';
  } catch (error) {
    return `it did not start: ${error.message.split('\n')[0]}`;
  } finally {
    await deployment?.stop();
    await ctx.between();
  }
}

/** Work folders of runs that were killed (older than an hour) go. */
function removeStaleRunDirs() {
  const dir = path.join(ROOT, '.data', 'bench');
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) {
    const full = path.join(dir, name);
    if (name.startsWith('run-') && Date.now() - fs.statSync(full).mtimeMs > 3600_000)
      fs.rmSync(full, { recursive: true, force: true });
  }
}

/** The figures of one system, pulled out of every scenario (the `baseline`/`centrifugo` keys). */
function systemView(results, name, info) {
  const view = { ...info };
  if (results.fanout) view.fanout = results.fanout.runs.filter((r) => r.system === name);
  if (results.memory) view.memory = results.memory.runs.filter((r) => r.system === name);
  return view;
}

function packageVersion(name) {
  try {
    const file = path.join(ROOT, 'node_modules', name, 'package.json');
    return JSON.parse(fs.readFileSync(file, 'utf8')).version;
  } catch {
    return null;
  }
}

/** CPU seconds each side used, per scenario and system, plus the bench's own process. */
function cpuSummary(results, selfCpuStart, redis) {
  const byScenario = {};
  for (const name of Object.keys(SCENARIOS)) {
    const runs = results[name]?.runs;
    if (!runs) continue;
    byScenario[name] = runs
      .filter((r) => r.cpu)
      .map((r) => ({
        system: r.system,
        case: r.case ?? (r.rate ? `${r.listeners} x ${r.rate}/s` : undefined),
        servers: r.cpu.servers?.total,
        load: r.cpu.load?.total,
        wallSeconds: r.cpu.wallSeconds,
        boxShare: r.cpu.boxShare,
        loadAverage: r.cpu.loadAverage,
      }));
  }
  const self = process.cpuUsage(selfCpuStart);
  return {
    byScenario,
    benchProcessSeconds: round((self.user + self.system) / 1e6, 1),
    benchRedisSeconds: round(cpuSeconds(redis.handle.pid), 1),
  };
}

function writeResults(results, startedAt) {
  fs.mkdirSync(RESULTS, { recursive: true });
  const stamp = startedAt
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const json = `${JSON.stringify(results, null, 2)}\n`;
  const svg = renderChart(results);
  for (const name of [stamp, 'latest']) {
    fs.writeFileSync(path.join(RESULTS, `${name}.json`), json);
    if (svg) fs.writeFileSync(path.join(RESULTS, `${name}.svg`), svg);
  }
  log(`wrote bench/results/${stamp}.json${svg ? ' and .svg' : ''} (and latest.*)`);
}

main().catch((error) => {
  process.stderr.write(`bench: ${error?.stack ?? error}\n`);
  killAll();
  process.exit(1);
});
