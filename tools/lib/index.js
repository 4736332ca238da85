'use strict';
/**
 * Helpers shared by tools/, bench/ and test/support: free ports, waiting for a server, Redis
 * node lists and finding executables. CommonJS with types beside it (index.d.ts), so the ESM
 * scripts (`import { freePort } from './lib/index.js'`) and the TypeScript tests can both use it.
 */
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A free TCP port on `host` (the OS picks it), for a server the caller starts next. */
function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** True when nothing listens on `port` of `host`. */
function portFree(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** True when a TCP connection to host:port opens within `timeoutMs`. */
function tcpAnswers(port, host = '127.0.0.1', timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Polls `check` (sync or async; a throw counts as false) every `intervalMs` until it is truthy,
 * and resolves its value; rejects with `what` after `timeoutMs`. `output()` adds recent server
 * output to the error, `alive()` stops early when the awaited process has died.
 */
async function waitFor(check, { timeoutMs = 30_000, intervalMs = 100, what = 'condition', output, alive } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let value;
    try {
      value = await check();
    } catch {
      value = false;
    }
    if (value) return value;
    const dead = alive && !alive();
    if (dead || Date.now() >= deadline) {
      const why = dead ? 'exited before it was ready' : `not ready after ${timeoutMs} ms`;
      const tail = output ? `:\n${output()}` : '';
      throw new Error(`${what} ${why}${tail}`);
    }
    await sleep(intervalMs);
  }
}

/** `GET url` answers `status` (default 200) within the timeout. */
function waitForHttp(url, options = {}) {
  const { status = 200, ...rest } = options;
  return waitFor(async () => (await fetch(url, { signal: AbortSignal.timeout(2000) })).status === status, {
    what: url,
    ...rest,
  });
}

/** Parses `host:port,host:port` (REDIS_CLUSTER_NODES) into `[{host, port}]`; throws on a bad entry. */
function parseNodeList(value) {
  return String(value)
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const match = /^(\[[^\]]+\]|[^:\s]+):(\d{1,5})$/.exec(entry);
      if (!match) throw new Error(`not a host:port pair: ${JSON.stringify(entry)}`);
      return { host: match[1].replace(/^\[|\]$/g, ''), port: Number(match[2]) };
    });
}

/** `host:port,...` from `[{host, port}]`. */
function formatNodeList(nodes) {
  return nodes.map(({ host, port }) => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`)).join(',');
}

/** An executable on PATH, else in one of `extraDirs`; null when there is none. */
function findExecutable(name, extraDirs = []) {
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

/** A real MongoDB server binary (`mongod` on PATH), or null. */
function findMongod() {
  return findExecutable('mongod');
}

/** The Go toolchain: `go` on PATH, else the usual install directory. */
function findGo() {
  return findExecutable('go', ['/usr/local/go/bin', path.join(process.env.HOME ?? '', 'go', 'bin')]);
}

module.exports = {
  ROOT,
  sleep,
  freePort,
  portFree,
  tcpAnswers,
  waitFor,
  waitForHttp,
  parseNodeList,
  formatNodeList,
  findExecutable,
  findMongod,
  findGo,
};
