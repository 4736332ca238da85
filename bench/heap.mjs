#!/usr/bin/env node
/**
 * `npm run bench:heap`: where the memory of an idle joined socket goes. Starts one server with
 * the inspector on (LLMS by default, or the bare Socket.IO baseline), warms it up, writes a heap
 * snapshot with 0 sockets and another with N joined sockets (both after a full GC, through
 * HeapProfiler.takeHeapSnapshot) into .data/heap/, then prints what was added per socket, by
 * type and constructor or function name (objects, closures, contexts, arrays, RxJS subscribers,
 * ...): the top 30 by self size. The diff is also written as JSON beside the snapshots.
 *
 *   npm run bench:heap                        LLMS, N=1000
 *   npm run bench:heap -- --sockets 2000
 *   npm run bench:heap -- --system socket.io  the baseline, for comparison
 *   npm run bench:heap -- --ref main          LLMS built from another commit (see bench/README.md)
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { ROOT } from '../tools/lib/index.js';
import { ensureServices } from '../tools/services.mjs';
import { ACCESS_TOKEN_TTL_SECONDS, dropDatabase, prepareAccounts } from './lib/accounts.mjs';
import { Inspector } from './lib/cdp.mjs';
import { diffSummaries, summarizeSnapshot } from './lib/heapsnapshot.mjs';
import { currentBuild } from './lib/llms.mjs';
import { LoadPool, mergeCounts } from './lib/pool.mjs';
import { killAll, log, startWatchdog } from './lib/proc.mjs';
import { startRedis } from './lib/redis.mjs';
import { prepareRef } from './lib/refs.mjs';
import { table } from './lib/report.mjs';
import { baselineSystem, llmsSystem } from './lib/systems.mjs';

const HEAP_DIR = path.join(ROOT, '.data', 'heap');
const WARMUP_SOCKETS = 20;
const TOP = 30;

async function main() {
  const { values } = parseArgs({
    options: {
      sockets: { type: 'string', default: '1000' },
      system: { type: 'string', default: 'llms' },
      ref: { type: 'string' },
    },
  });
  const n = Number(values.sockets);
  if (!(n > 0 && n <= 10_000)) throw new Error('--sockets: 1 to 10000');
  const stopWatchdog = startWatchdog(20 * 60_000);
  const runId = randomBytes(4).toString('hex');
  const services = await ensureServices({ log });
  const redis = await startRedis();
  let mongodbUri = null;
  let deployment;
  let inspector;
  try {
    const build = currentBuild();
    const system =
      values.system === 'socket.io'
        ? baselineSystem
        : llmsSystem(values.ref ? await prepareRef(values.ref) : build);
    const prepared = await prepareAccounts({
      count: n + 1,
      build,
      mongoBaseUri: services.MONGODB_URI,
      redisUrl: redis.url,
      runId,
    });
    mongodbUri = prepared.mongodbUri;
    const ctx = {
      run: {
        secrets: prepared.secrets,
        accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS,
        mongodbUri,
        redisUrl: redis.url,
      },
    };
    deployment = await system.start(ctx, { count: 1, inspect: true });
    const [instance] = deployment.instances;
    inspector = await Inspector.connect(instance.inspectPort);
    const room = await system.room(ctx, deployment, {
      teacher: prepared.accounts[n],
      capacity: n,
      title: 'Heap',
    });
    const target = (user) => ({ url: instance.url, accessToken: user.accessToken, room });
    const start = (label) =>
      LoadPool.start({
        workers: Math.max(1, Math.ceil(n / 2500)),
        driver: deployment.driver,
        options: deployment.options,
        label,
      });

    const warm = await start('heap-warm');
    await warm.connect(prepared.accounts.slice(0, WARMUP_SOCKETS).map(target));
    await warm.each('burst', { op: 'join' });
    await warm.close();
    await sleep(1500);

    fs.mkdirSync(HEAP_DIR, { recursive: true });
    const stamp = new Date()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    const base = path.join(HEAP_DIR, `${stamp}-${system.name.replace(/[^\w.-]/g, '_')}`);
    const files = [`${base}-0.heapsnapshot`, `${base}-${n}.heapsnapshot`];
    log(`snapshot with 0 sockets -> ${path.relative(ROOT, files[0])}`);
    await inspector.heapSnapshot(files[0]);

    const pool = await start('heap');
    const connected = await pool.connect(prepared.accounts.slice(0, n).map(target), 100);
    if (connected.failed) throw new Error(`connect: ${JSON.stringify(connected.errors)}`);
    const joins = mergeCounts(
      (await pool.each('burst', { op: 'join', concurrency: 100 })).map((b) => b.outcomes),
    );
    if (joins.OK !== n) throw new Error(`joins: ${JSON.stringify(joins)}`);
    await sleep(1500);
    log(`snapshot with ${n} joined sockets -> ${path.relative(ROOT, files[1])}`);
    await inspector.heapSnapshot(files[1]);
    await pool.close();

    log('parsing the snapshots ...');
    const [before, after] = files.map(summarizeSnapshot);
    const rows = diffSummaries(before.summary, after.summary, n);
    const totalBytes = rows.reduce((sum, r) => sum + r.bytes, 0);
    const kept = rows.filter((r) => r.count || r.bytes).slice(0, 500);
    const diff = { system: system.name, sockets: n, totalBytesPerSocket: totalBytes, rows: kept };
    fs.writeFileSync(`${base}-diff.json`, `${JSON.stringify(diff, null, 2)}\n`);
    console.log(
      `\n${system.name}: heap added per joined socket, by type and constructor/function ` +
        `(${n} sockets; snapshot self sizes; total ${(totalBytes / 1024).toFixed(2)} KB/socket, ` +
        `${((after.nodeCount - before.nodeCount) / n).toFixed(1)} objects/socket)\n`,
    );
    console.log(
      table(
        ['type: constructor / function', 'count/socket', 'bytes/socket', 'share'],
        rows
          .slice(0, TOP)
          .map((r) => [
            r.key,
            Number(r.count.toFixed(2)),
            Math.round(r.bytes),
            `${((100 * r.bytes) / totalBytes).toFixed(1)}%`,
          ]),
      ),
    );
    console.log(`\nsnapshots and ${path.relative(ROOT, `${base}-diff.json`)} in .data/heap/`);
  } finally {
    inspector?.close();
    await deployment?.stop();
    await redis.stop();
    if (mongodbUri) await dropDatabase(mongodbUri);
    stopWatchdog();
  }
}

main().catch((error) => {
  process.stderr.write(`bench:heap: ${error?.stack ?? error}\n`);
  killAll();
  process.exit(1);
});
