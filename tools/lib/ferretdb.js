'use strict';
/**
 * The bundled FerretDB (tools/ferretdb, a MongoDB-wire server on SQLite): built once with Go into
 * `.data/bin/ferretdb`, rebuilt only when its sources are newer, started detached with its data
 * in `.data/ferretdb/` when no `mongod` is installed.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { listenHost } = require('./addresses');
const { DOCKER_HINT, ServiceError } = require('./errors');
const { findGo } = require('./executables');
const { stderrLog } = require('./log');
const { formatNode } = require('./node-list');
const { DATA_DIR, ROOT, instanceFiles } = require('./paths');
const { pidAlive, pidRuns, readPid } = require('./processes');

const FERRETDB_SRC = path.join(ROOT, 'tools', 'ferretdb');
const FERRETDB_BIN = path.join(
  DATA_DIR,
  'bin',
  process.platform === 'win32' ? 'ferretdb.exe' : 'ferretdb',
);
const FERRETDB_START_TIMEOUT_MS = 60_000;
const PROGRESS_EVERY_MS = 10_000;

function binaryIsFresh() {
  if (!fs.existsSync(FERRETDB_BIN)) return false;
  const sources = ['main.go', 'go.mod', 'go.sum'].map(
    (file) => fs.statSync(path.join(FERRETDB_SRC, file)).mtimeMs,
  );
  return fs.statSync(FERRETDB_BIN).mtimeMs >= Math.max(...sources);
}

/** Environment for `go build`: no cgo, and a cache in .data/ when there is no HOME (some CI shells). */
function goEnv() {
  const env = { ...process.env, CGO_ENABLED: '0' };
  if (!env.HOME && !env.GOCACHE && !env.XDG_CACHE_HOME) {
    env.GOCACHE = path.join(DATA_DIR, 'go', 'cache');
  }
  if (!env.HOME && !env.GOPATH && !env.GOMODCACHE) env.GOPATH = path.join(DATA_DIR, 'go', 'path');
  return env;
}

/** Runs `go build` into `output`, logging progress every 10 s; resolves {code, output}. */
function goBuild(go, output, log) {
  const startedAt = Date.now();
  let text = '';
  let downloads = 0;
  const child = spawn(go, ['build', '-buildvcs=false', '-trimpath', '-o', output, '.'], {
    cwd: FERRETDB_SRC,
    env: goEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk) => {
    const part = chunk.toString('utf8');
    text += part;
    downloads += (part.match(/go: downloading /g) ?? []).length;
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const ticker = setInterval(() => {
    const seconds = Math.round((Date.now() - startedAt) / 1000);
    const modules = downloads ? `, ${downloads} Go modules downloaded` : '';
    log(`  still building FerretDB (${seconds} s${modules})`);
  }, PROGRESS_EVERY_MS);
  return new Promise((resolve) => {
    child.once('error', (error) => resolve({ code: -1, output: text + String(error) }));
    child.once('close', (code) => resolve({ code, output: text }));
  }).finally(() => clearInterval(ticker));
}

/** Builds tools/ferretdb into .data/bin/ferretdb unless the binary is newer than its sources. */
async function buildFerretDB({ go = findGo(), log = stderrLog('services'), force = false } = {}) {
  if (!force && binaryIsFresh()) return FERRETDB_BIN;
  if (!go) {
    throw new ServiceError(
      `Go is not installed: install Go 1.24+ to build the bundled FerretDB, or install MongoDB 7 (mongod), ${DOCKER_HINT}`,
    );
  }
  fs.mkdirSync(path.dirname(FERRETDB_BIN), { recursive: true });
  const tmp = `${FERRETDB_BIN}.tmp-${process.pid}`;
  log(
    `building the bundled FerretDB with ${go} into .data/bin/ferretdb (once; the first build downloads Go modules and takes a minute or two)`,
  );
  const startedAt = Date.now();
  const { code, output } = await goBuild(go, tmp, log);
  if (code !== 0) {
    fs.rmSync(tmp, { force: true });
    const lines = output
      .trim()
      .split('\n')
      .filter((line) => !line.startsWith('go: downloading'))
      .slice(-15)
      .join('\n');
    throw new ServiceError(`building FerretDB failed (go build exit ${code}):\n${lines}`);
  }
  fs.renameSync(tmp, FERRETDB_BIN);
  log(`built .data/bin/ferretdb in ${Math.round((Date.now() - startedAt) / 1000)} s`);
  return FERRETDB_BIN;
}

/**
 * Starts FerretDB detached for `target` ({host, port}); resolves {timeoutMs, logFile, alive}
 * for the caller's wait. When another `npm run services` started it a moment ago, waits for that one.
 */
async function startFerretDB(go, target, log) {
  const bin = await buildFerretDB({ go, log });
  const { dir, pidFile, logFile, relDir, relLog } = instanceFiles('ferretdb', target.port, 27017);
  const listen = formatNode({ host: listenHost(target.host), port: target.port });

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
  child.once('exit', () => (exited = true));
  child.once('error', () => (exited = true));
  if (child.pid) fs.writeFileSync(pidFile, `${child.pid}\n`);
  child.unref();
  return { timeoutMs: FERRETDB_START_TIMEOUT_MS, logFile, alive: () => !exited };
}

module.exports = { FERRETDB_BIN, buildFerretDB, startFerretDB };
