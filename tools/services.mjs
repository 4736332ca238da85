#!/usr/bin/env node
/**
 * `npm run services`: makes sure a MongoDB-compatible server and Redis answer at MONGODB_URI and
 * REDIS_URL, starting local ones (data in `.data/`) when nothing answers, then prints the URIs.
 * Idempotent: run it as often as you like; what already answers is reused, never restarted.
 *
 *   node tools/services.mjs          ensure both, print MONGODB_URI=... and REDIS_URL=...
 *   node tools/services.mjs status   only report what answers (exit 1 if something does not)
 *   node tools/services.mjs stop     stop the servers this script started (from .data/*.pid)
 *
 * MongoDB: a `mongod` on PATH if there is one; else the bundled FerretDB (tools/ferretdb, a
 * MongoDB-wire-compatible server on SQLite), built once with Go into .data/bin/ferretdb.
 * Redis: `redis-server` from PATH. REDIS_CLUSTER_NODES, when set, is only checked.
 *
 * Plain Node ESM, no dependencies but Node and the `mongodb` driver that mongoose brings.
 * tools/run-tests.mjs imports ensureServices() from here.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DATA_DIR = path.join(ROOT, '.data');
export const DEFAULT_MONGODB_URI = 'mongodb://127.0.0.1:27017/llms';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

const FERRETDB_SRC = path.join(ROOT, 'tools', 'ferretdb');
const FERRETDB_BIN = path.join(DATA_DIR, 'bin', process.platform === 'win32' ? 'ferretdb.exe' : 'ferretdb');
const FERRETDB_START_TIMEOUT_MS = 60_000;
const MONGOD_START_TIMEOUT_MS = 60_000;
const REDIS_START_TIMEOUT_MS = 15_000;
const INSTALL_HINT = 'or use Docker instead: `docker compose up -d` (README, "Docker Compose")';

/** A failure whose message is one line meant for the person at the terminal. */
export class ServiceError extends Error {
  name = 'ServiceError';
}

const defaultLog = (line) => process.stderr.write(`services: ${line}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// Small helpers

/** Hides the password of a URI for printing. */
export function redact(uri) {
  return String(uri).replace(/^([a-z+]+:\/\/[^:/@]*:)[^@/]*@/i, '$1****@');
}

function isLoopback(host) {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** Address a local server should listen on for a URI host ("localhost" means 127.0.0.1). */
function listenHost(host) {
  const h = host.replace(/^\[|\]$/g, '');
  return h.toLowerCase() === 'localhost' ? '127.0.0.1' : h;
}

function hostPort(host, port) {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Finds an executable on PATH, then in the extra directories given. */
export function findExecutable(name, extraDirs = []) {
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), ...extraDirs].filter(Boolean);
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // not here; keep looking
      }
    }
  }
  return null;
}

function tail(file, lines = 15) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function pidAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** On Linux, true unless /proc says the pid runs something other than `name` (a reused pid). */
function pidRuns(pid, name) {
  if (!pidAlive(pid)) return false;
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(name);
  } catch {
    return true;
  }
}

/**
 * Files of one local server: `.data/<name>{.pid,.log}` and data folder `.data/<name>/` on the
 * default port, `.data/<name>-<port>...` on any other, so servers on different ports never share
 * data or pid files.
 */
function instanceFiles(name, port, defaultPort, dirName = name) {
  const suffix = port === defaultPort ? '' : `-${port}`;
  return {
    dir: path.join(DATA_DIR, dirName + suffix),
    pidFile: path.join(DATA_DIR, `${name}${suffix}.pid`),
    logFile: path.join(DATA_DIR, `${name}${suffix}.log`),
    relDir: `.data/${dirName}${suffix}/`,
    relLog: `.data/${name}${suffix}.log`,
  };
}

function readPid(file) {
  try {
    return Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
  } catch {
    return NaN;
  }
}

/** True when something accepts TCP connections at host:port. */
export function tcpOpen(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: host.replace(/^\[|\]$/g, ''), port });
    const done = (open) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

// ---------------------------------------------------------------------------------------------
// Redis

export function parseRedisUrl(value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new ServiceError(`REDIS_URL is not a URL: ${redact(value)}`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new ServiceError(`REDIS_URL must start with redis:// or rediss://, got ${redact(value)}`);
  }
  return {
    host: url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port: Number(url.port || 6379),
    tls: url.protocol === 'rediss:',
    username: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
}

/** Sends AUTH (when a password is given) and PING over a raw connection; resolves {ok, reason}. */
export function redisPing({ host, port, tls: useTls = false, username = '', password = '' }, timeoutMs = 1500) {
  const commands = [];
  if (password) commands.push(username ? ['AUTH', username, password] : ['AUTH', password]);
  commands.push(['PING']);
  const payload = commands
    .map((args) => `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`)
    .join('');

  return new Promise((resolve) => {
    const options = { host, port, servername: net.isIP(host) ? undefined : host };
    const socket = useTls ? tls.connect(options) : net.connect(options);
    let buffer = '';
    let settled = false;
    const finish = (result) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => finish({ ok: false, reason: 'no answer (timeout)' }));
    socket.once(useTls ? 'secureConnect' : 'connect', () => socket.write(payload));
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      const replies = buffer.split('\r\n').filter((line) => /^[+-]/.test(line));
      const failure = replies.find((line) => line.startsWith('-'));
      if (failure) finish({ ok: false, reason: `Redis answered ${failure.slice(1)}` });
      else if (replies.length >= commands.length) {
        const last = replies[commands.length - 1];
        finish(last === '+PONG' ? { ok: true } : { ok: false, reason: `unexpected reply ${last}` });
      }
    });
    socket.once('error', (error) => finish({ ok: false, reason: error.code ?? error.message, refused: error.code === 'ECONNREFUSED' }));
    socket.once('close', () => finish({ ok: false, reason: 'connection closed' }));
  });
}

async function waitFor(check, timeoutMs, intervalMs = 250, stillAlive = () => true) {
  const deadline = Date.now() + timeoutMs;
  let last = { ok: false, reason: 'not checked' };
  while (Date.now() < deadline) {
    last = await check();
    if (last.ok) return last;
    if (!stillAlive()) return { ...last, died: true };
    await sleep(intervalMs);
  }
  return last;
}

async function ensureRedisCluster(nodesValue, log) {
  const nodes = nodesValue.split(',').map((pair) => pair.trim()).filter(Boolean);
  for (const node of nodes) {
    const index = node.lastIndexOf(':');
    const host = node.slice(0, index).replace(/^\[|\]$/g, '');
    const port = Number(node.slice(index + 1));
    const result = await redisPing({ host, port });
    if (!result.ok) {
      throw new ServiceError(
        `Redis Cluster node ${node} (REDIS_CLUSTER_NODES) does not answer: ${result.reason}; start the cluster first, this script does not start clusters`,
      );
    }
  }
  log(`Redis Cluster answers on ${nodes.length} node(s)`);
  return nodesValue;
}

export async function ensureRedis({ env = process.env, log = defaultLog } = {}) {
  const redisUrl = env.REDIS_URL || DEFAULT_REDIS_URL;
  const target = parseRedisUrl(redisUrl);
  const where = hostPort(target.host, target.port);

  const first = await redisPing(target);
  if (first.ok) {
    log(`Redis answers at ${where}`);
    return redisUrl;
  }
  if (!first.refused) {
    throw new ServiceError(`something listens at ${where} (REDIS_URL) but it does not answer PING as Redis: ${first.reason}`);
  }
  if (!isLoopback(target.host)) {
    throw new ServiceError(`Redis does not answer at ${redact(redisUrl)} (${first.reason}); it is not a local address, so no local server is started`);
  }
  if (target.tls) {
    throw new ServiceError(`Redis does not answer at ${redact(redisUrl)}; this script starts only plain redis:// servers`);
  }
  const redisServer = findExecutable('redis-server', ['/usr/local/bin', '/usr/bin', '/usr/sbin', '/opt/homebrew/bin']);
  if (!redisServer) {
    throw new ServiceError(
      `Redis does not answer at ${where} and redis-server is not installed: install Redis 6.2+ (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) ${INSTALL_HINT}`,
    );
  }

  const { dir, pidFile, logFile, relDir, relLog } = instanceFiles('redis', target.port, 6379);
  fs.mkdirSync(dir, { recursive: true });
  const host = listenHost(target.host);
  const bind = target.host.toLowerCase() === 'localhost' ? ['127.0.0.1', '-::1'] : [host];
  const args = ['--daemonize', 'yes', '--port', String(target.port), '--bind', ...bind];
  args.push('--dir', dir, '--save', '', '--appendonly', 'no', '--logfile', logFile, '--pidfile', pidFile);
  if (target.password) args.push('--requirepass', target.password);
  log(`starting redis-server on ${where} (data in ${relDir}, log ${relLog})`);
  const started = spawnSync(redisServer, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (started.status !== 0) {
    throw new ServiceError(`redis-server failed to start (exit ${started.status}): ${(started.stderr || started.stdout || tail(logFile, 3)).trim()}`);
  }
  const ready = await waitFor(() => redisPing(target), REDIS_START_TIMEOUT_MS);
  if (!ready.ok) {
    throw new ServiceError(`redis-server did not answer at ${where} within ${REDIS_START_TIMEOUT_MS / 1000} s; see ${relLog}:\n${tail(logFile)}`);
  }
  log(`Redis answers at ${where}`);
  return redisUrl;
}

// ---------------------------------------------------------------------------------------------
// MongoDB

/** Hosts of a mongodb:// URI: [{host, port}]; srv is true for mongodb+srv://. */
export function parseMongoUri(uri) {
  const match = /^(mongodb(?:\+srv)?):\/\/(?:[^@/]*@)?([^/?]+)/i.exec(uri);
  if (!match) throw new ServiceError(`MONGODB_URI must start with mongodb:// or mongodb+srv://, got ${redact(uri)}`);
  const hosts = match[2].split(',').map((entry) => {
    const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    if (v6) return { host: v6[1], port: Number(v6[2] || 27017) };
    const [host, port] = entry.split(':');
    return { host, port: Number(port || 27017) };
  });
  return { srv: match[1].toLowerCase() === 'mongodb+srv', hosts };
}

let mongodbModule;
async function loadMongoDriver() {
  if (!mongodbModule) {
    try {
      mongodbModule = await import('mongodb');
    } catch {
      throw new ServiceError('the `mongodb` driver is not installed (node_modules is missing): run `npm ci` first');
    }
  }
  return mongodbModule;
}

/** Connects (the driver's `hello` handshake) and runs `ping`; resolves {ok, reason}. */
export async function mongoPing(uri, timeoutMs = 2000) {
  const { MongoClient } = await loadMongoDriver();
  const client = new MongoClient(uri, {
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    socketTimeoutMS: timeoutMs * 2,
    maxPoolSize: 1,
  });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error?.message ?? String(error) };
  } finally {
    await client.close().catch(() => undefined);
  }
}

function findGo() {
  return findExecutable('go', ['/usr/local/go/bin', '/usr/lib/go/bin', '/opt/homebrew/bin', '/usr/local/bin', path.join(os.homedir(), 'go', 'bin'), path.join(os.homedir(), 'sdk', 'go', 'bin')]);
}

function newestSourceMtime() {
  return Math.max(...['main.go', 'go.mod', 'go.sum'].map((file) => fs.statSync(path.join(FERRETDB_SRC, file)).mtimeMs));
}

/** Builds tools/ferretdb into .data/bin/ferretdb unless the binary is newer than its sources. */
export async function buildFerretDB({ go = findGo(), log = defaultLog, force = false } = {}) {
  if (!force && fs.existsSync(FERRETDB_BIN) && fs.statSync(FERRETDB_BIN).mtimeMs >= newestSourceMtime()) {
    return FERRETDB_BIN;
  }
  if (!go) throw new ServiceError(`Go is not installed: install Go 1.24+ to build the bundled FerretDB, or install MongoDB 7 (mongod), ${INSTALL_HINT}`);

  fs.mkdirSync(path.dirname(FERRETDB_BIN), { recursive: true });
  const tmp = `${FERRETDB_BIN}.tmp-${process.pid}`;
  const env = { ...process.env, CGO_ENABLED: '0' };
  // Go needs a cache and module folder; without HOME (some CI shells) keep them in .data/.
  if (!env.HOME && !env.GOCACHE && !env.XDG_CACHE_HOME) env.GOCACHE = path.join(DATA_DIR, 'go', 'cache');
  if (!env.HOME && !env.GOPATH && !env.GOMODCACHE) env.GOPATH = path.join(DATA_DIR, 'go', 'path');

  log(`building the bundled FerretDB with ${go} into .data/bin/ferretdb (once; the first build downloads Go modules and takes a minute or two)`);
  const startedAt = Date.now();
  let output = '';
  let downloads = 0;
  const child = spawn(go, ['build', '-buildvcs=false', '-trimpath', '-o', tmp, '.'], {
    cwd: FERRETDB_SRC,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk) => {
    const text = chunk.toString('utf8');
    output += text;
    downloads += (text.match(/go: downloading /g) ?? []).length;
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const ticker = setInterval(() => {
    const seconds = Math.round((Date.now() - startedAt) / 1000);
    log(`  still building FerretDB (${seconds} s${downloads ? `, ${downloads} Go modules downloaded` : ''})`);
  }, 10_000);
  const code = await new Promise((resolve) => {
    child.once('error', (error) => {
      output += String(error);
      resolve(-1);
    });
    child.once('close', resolve);
  }).finally(() => clearInterval(ticker));
  if (code !== 0) {
    fs.rmSync(tmp, { force: true });
    const lines = output.trim().split('\n').filter((line) => !line.startsWith('go: downloading')).slice(-15).join('\n');
    throw new ServiceError(`building FerretDB failed (go build exit ${code}):\n${lines}`);
  }
  fs.renameSync(tmp, FERRETDB_BIN);
  log(`built .data/bin/ferretdb in ${Math.round((Date.now() - startedAt) / 1000)} s`);
  return FERRETDB_BIN;
}

async function startMongod(mongod, target, log) {
  const { dir: dbPath, pidFile, logFile, relDir, relLog } = instanceFiles('mongod', target.port, 27017, 'mongo');
  fs.mkdirSync(dbPath, { recursive: true });
  const host = listenHost(target.host);
  log(`starting mongod on ${hostPort(target.host, target.port)} (data in ${relDir}, log ${relLog})`);
  const result = spawnSync(
    mongod,
    ['--fork', '--dbpath', dbPath, '--logpath', logFile, '--logappend', '--pidfilepath', pidFile, '--port', String(target.port), '--bind_ip', host],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new ServiceError(`mongod failed to start (exit ${result.status}); see ${relLog}:\n${tail(logFile)}`);
  }
  return { timeoutMs: MONGOD_START_TIMEOUT_MS, logFile, alive: () => pidAlive(readPid(pidFile)) };
}

async function startFerretDB(go, target, log) {
  const bin = await buildFerretDB({ go, log });
  const { dir, pidFile, logFile, relDir, relLog } = instanceFiles('ferretdb', target.port, 27017);
  const listen = hostPort(listenHost(target.host), target.port);

  // Another `npm run services` may have started it a moment ago: wait for that one instead.
  const running = readPid(pidFile);
  if (pidRuns(running, 'ferretdb')) {
    log(`FerretDB (pid ${running}) is already starting; waiting for it`);
    return { timeoutMs: FERRETDB_START_TIMEOUT_MS, logFile, alive: () => pidAlive(running) };
  }

  const sqliteDir = dir + path.sep;
  fs.mkdirSync(sqliteDir, { recursive: true });
  log(`starting FerretDB on ${listen} (data in ${relDir}, log ${relLog})`);
  const out = fs.openSync(logFile, 'a');
  let exited = false;
  const child = spawn(bin, ['-listen', listen, '-sqlite-dir', sqliteDir], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  child.once('exit', () => {
    exited = true;
  });
  child.once('error', () => {
    exited = true;
  });
  if (child.pid) fs.writeFileSync(pidFile, `${child.pid}\n`);
  child.unref();
  return { timeoutMs: FERRETDB_START_TIMEOUT_MS, logFile, alive: () => !exited };
}

export async function ensureMongo({ env = process.env, log = defaultLog } = {}) {
  const uri = env.MONGODB_URI || DEFAULT_MONGODB_URI;
  const { srv, hosts } = parseMongoUri(uri);
  const single = !srv && hosts.length === 1 ? hosts[0] : null;

  if (single && !(await tcpOpen(single.host, single.port))) {
    if (!isLoopback(single.host)) {
      throw new ServiceError(`MongoDB does not answer at ${redact(uri)}; it is not a local address, so no local server is started`);
    }
    const mongod = findExecutable('mongod', ['/usr/local/bin', '/usr/bin', '/opt/homebrew/bin']);
    const go = mongod ? null : findGo();
    if (!mongod && !go && !fs.existsSync(FERRETDB_BIN)) {
      throw new ServiceError(
        `MongoDB does not answer at ${hostPort(single.host, single.port)}, and neither mongod nor Go is installed: install Go 1.24+ (for the bundled FerretDB) or MongoDB 7, ${INSTALL_HINT}`,
      );
    }
    const started = mongod ? await startMongod(mongod, single, log) : await startFerretDB(go, single, log);
    const ready = await waitFor(() => mongoPing(uri, 1000), started.timeoutMs, 300, started.alive);
    if (!ready.ok) {
      const why = ready.died ? 'exited' : `did not answer within ${started.timeoutMs / 1000} s`;
      throw new ServiceError(
        `${mongod ? 'mongod' : 'FerretDB'} ${why} at ${hostPort(single.host, single.port)}; last lines of ${path.relative(ROOT, started.logFile)}:\n${tail(started.logFile)}`,
      );
    }
    log(`MongoDB-compatible server answers at ${hostPort(single.host, single.port)}`);
    return uri;
  }

  const result = await mongoPing(uri, single ? 3000 : 10_000);
  if (!result.ok) {
    const where = single ? `something listens at ${hostPort(single.host, single.port)} but it` : `MongoDB at ${redact(uri)}`;
    throw new ServiceError(`${where} does not answer as MongoDB (${result.reason})`);
  }
  log(`MongoDB answers at ${single ? hostPort(single.host, single.port) : redact(uri)}`);
  return uri;
}

// ---------------------------------------------------------------------------------------------
// Entry points

/**
 * Makes sure Redis and a MongoDB-compatible server answer; returns the environment to use
 * ({MONGODB_URI, REDIS_URL} and REDIS_CLUSTER_NODES when set).
 */
export async function ensureServices({ env = process.env, log = defaultLog } = {}) {
  const result = {};
  if (env.REDIS_CLUSTER_NODES) {
    result.REDIS_CLUSTER_NODES = await ensureRedisCluster(env.REDIS_CLUSTER_NODES, log);
    result.REDIS_URL = env.REDIS_URL || DEFAULT_REDIS_URL;
  } else {
    result.REDIS_URL = await ensureRedis({ env, log });
  }
  result.MONGODB_URI = await ensureMongo({ env, log });
  return result;
}

/** Reports what answers without starting anything. */
export async function servicesStatus({ env = process.env } = {}) {
  const redisUrl = env.REDIS_URL || DEFAULT_REDIS_URL;
  const mongoUri = env.MONGODB_URI || DEFAULT_MONGODB_URI;
  const redis = await redisPing(parseRedisUrl(redisUrl));
  const mongo = await mongoPing(mongoUri, 1500);
  return [
    { name: 'MONGODB_URI', uri: mongoUri, ...mongo },
    { name: 'REDIS_URL', uri: redisUrl, ...redis },
  ];
}

/** Stops the servers that this script started (those with a pid file under .data/). */
export async function stopServices({ log = defaultLog } = {}) {
  let stopped = 0;
  const pidFiles = fs.existsSync(DATA_DIR) ? fs.readdirSync(DATA_DIR).filter((f) => /^(ferretdb|mongod|redis)(-\d+)?\.pid$/.test(f)) : [];
  for (const file of pidFiles.sort()) {
    const name = file.replace(/(-\d+)?\.pid$/, '');
    const pidFile = path.join(DATA_DIR, file);
    const pid = readPid(pidFile);
    if (pidRuns(pid, name === 'redis' ? 'redis-server' : name)) {
      process.kill(pid, 'SIGTERM');
      for (let i = 0; i < 50 && pidAlive(pid); i++) await sleep(100);
      log(`stopped ${name} (pid ${pid}, ${file})`);
      stopped++;
    }
    fs.rmSync(pidFile, { force: true });
  }
  if (!stopped) log('nothing to stop: no server started by this script is running');
}

async function main(argv) {
  const command = argv[0] ?? 'up';
  if (command === 'stop') return stopServices();
  if (command === 'status') {
    const rows = await servicesStatus();
    for (const row of rows) console.log(`${row.name}=${redact(row.uri)}  ${row.ok ? 'answers' : `does not answer (${row.reason})`}`);
    return rows.every((row) => row.ok) ? undefined : process.exit(1);
  }
  if (command !== 'up') {
    throw new ServiceError(`unknown command "${command}"; use: node tools/services.mjs [up|status|stop]`);
  }
  const env = await ensureServices();
  console.log(`MONGODB_URI=${redact(env.MONGODB_URI)}`);
  console.log(`REDIS_URL=${redact(env.REDIS_URL)}`);
  if (env.REDIS_CLUSTER_NODES) console.log(`REDIS_CLUSTER_NODES=${env.REDIS_CLUSTER_NODES}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (error) => {
      process.stderr.write(`services: ${error instanceof ServiceError ? error.message : (error?.stack ?? error)}\n`);
      process.exit(1);
    },
  );
}
