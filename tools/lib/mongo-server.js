'use strict';
/**
 * The MongoDB-compatible server of `npm run services`: reuse the one at MONGODB_URI when it
 * answers `ping`, else start `mongod --fork` when installed, or else the bundled FerretDB.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { isLoopback, listenHost, redact } = require('./addresses');
const { DOCKER_HINT, ServiceError, requireDependency } = require('./errors');
const { findGo, findMongod } = require('./executables');
const { FERRETDB_BIN, startFerretDB } = require('./ferretdb');
const { stderrLog } = require('./log');
const { formatNode } = require('./node-list');
const { ROOT, instanceFiles } = require('./paths');
const { pidAlive, readPid, tailFile } = require('./processes');
const { tcpAnswers } = require('./ports');
const { waitFor } = require('./wait');

const DEFAULT_MONGODB_URI = 'mongodb://127.0.0.1:27017/llms';
const MONGOD_START_TIMEOUT_MS = 60_000;

/** Hosts of a mongodb:// URI: {srv, hosts: [{host, port}]}; srv is true for mongodb+srv://. */
function parseMongoUri(uri) {
  const match = /^(mongodb(?:\+srv)?):\/\/(?:[^@/]*@)?([^/?]+)/i.exec(uri);
  if (!match) {
    throw new ServiceError(
      `MONGODB_URI must start with mongodb:// or mongodb+srv://, got ${redact(uri)}`,
    );
  }
  const hosts = match[2].split(',').map((entry) => {
    const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    if (v6) return { host: v6[1], port: Number(v6[2] || 27017) };
    const [host, port] = entry.split(':');
    return { host, port: Number(port || 27017) };
  });
  return { srv: match[1].toLowerCase() === 'mongodb+srv', hosts };
}

/** Connects (the driver's `hello` handshake) and runs `ping`; resolves {ok, reason}. */
async function mongoPing(uri, timeoutMs = 2000) {
  const { MongoClient } = requireDependency('mongodb');
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

/** Starts `mongod --fork` for `target`; resolves {timeoutMs, logFile, alive} for the wait. */
function startMongod(mongod, target, log) {
  const files = instanceFiles('mongod', target.port, 27017, 'mongo');
  fs.mkdirSync(files.dir, { recursive: true });
  log(`starting mongod on ${formatNode(target)} (data in ${files.relDir}, log ${files.relLog})`);
  const args = ['--fork', '--dbpath', files.dir, '--logpath', files.logFile, '--logappend'];
  args.push('--pidfilepath', files.pidFile, '--port', String(target.port));
  args.push('--bind_ip', listenHost(target.host));
  const result = spawnSync(mongod, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new ServiceError(
      `mongod failed to start (exit ${result.status}); see ${files.relLog}:\n${tailFile(files.logFile)}`,
    );
  }
  return {
    timeoutMs: MONGOD_START_TIMEOUT_MS,
    logFile: files.logFile,
    alive: () => pidAlive(readPid(files.pidFile)),
  };
}

/** Starts mongod or FerretDB for a local `target` that nothing listens on, and waits for ping. */
async function startLocalMongo(uri, target, log) {
  const where = formatNode(target);
  const mongod = findMongod();
  const go = mongod ? null : findGo();
  if (!mongod && !go && !fs.existsSync(FERRETDB_BIN)) {
    throw new ServiceError(
      `MongoDB does not answer at ${where}, and neither mongod nor Go is installed: install Go 1.24+ (for the bundled FerretDB) or MongoDB 7, ${DOCKER_HINT}`,
    );
  }
  const started = mongod ? startMongod(mongod, target, log) : await startFerretDB(go, target, log);
  await waitFor(async () => (await mongoPing(uri, 1000)).ok, {
    timeoutMs: started.timeoutMs,
    intervalMs: 300,
    alive: started.alive,
    what: `${mongod ? 'mongod' : 'FerretDB'} at ${where}`,
    output: () =>
      `last lines of ${path.relative(ROOT, started.logFile)}:\n${tailFile(started.logFile)}`,
    errorType: ServiceError,
  });
}

/** Makes sure MongoDB answers at MONGODB_URI, starting a local server when nothing listens there. */
async function ensureMongo({ env = process.env, log = stderrLog('services') } = {}) {
  requireDependency('mongodb');
  const uri = env.MONGODB_URI || DEFAULT_MONGODB_URI;
  const { srv, hosts } = parseMongoUri(uri);
  const single = !srv && hosts.length === 1 ? hosts[0] : null;

  if (single && !(await tcpAnswers(single.port, single.host))) {
    if (!isLoopback(single.host)) {
      throw new ServiceError(
        `MongoDB does not answer at ${redact(uri)}; it is not a local address, so no local server is started`,
      );
    }
    await startLocalMongo(uri, single, log);
    log(`MongoDB-compatible server answers at ${formatNode(single)}`);
    return uri;
  }

  const result = await mongoPing(uri, single ? 3000 : 10_000);
  if (!result.ok) {
    const where = single
      ? `something listens at ${formatNode(single)} but it`
      : `MongoDB at ${redact(uri)}`;
    throw new ServiceError(`${where} does not answer as MongoDB (${result.reason})`);
  }
  log(`MongoDB answers at ${single ? formatNode(single) : redact(uri)}`);
  return uri;
}

module.exports = { DEFAULT_MONGODB_URI, parseMongoUri, mongoPing, ensureMongo };
