'use strict';
/** Finding the programs the local servers need: redis-server, redis-cli, mongod, go. */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** Where package managers put programs that may be missing from a minimal PATH. */
const SYSTEM_DIRS = ['/usr/local/bin', '/usr/bin', '/usr/sbin', '/opt/homebrew/bin'];

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

/** A real MongoDB server binary (`mongod`), or null. */
function findMongod() {
  return findExecutable('mongod', SYSTEM_DIRS);
}

/** The Go toolchain: `go` on PATH, else one of the usual install directories. */
function findGo() {
  const home = os.homedir();
  return findExecutable('go', [
    '/usr/local/go/bin',
    '/usr/lib/go/bin',
    ...SYSTEM_DIRS,
    path.join(home, 'go', 'bin'),
    path.join(home, 'sdk', 'go', 'bin'),
  ]);
}

/** `redis-server`, or null. */
function findRedisServer() {
  return findExecutable('redis-server', SYSTEM_DIRS);
}

/** `redis-cli` (it creates clusters), or null. */
function findRedisCli() {
  return findExecutable('redis-cli', SYSTEM_DIRS);
}

module.exports = { findExecutable, findMongod, findGo, findRedisServer, findRedisCli };
