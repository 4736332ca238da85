'use strict';
/**
 * Processes of the local servers, known by pid (from their pid files): alive or not, running
 * which program, stopped how. Zombies (a killed daemon not yet reaped) count as gone.
 */
const fs = require('node:fs');
const { sleep } = require('./wait');

/** Linux process state letter from /proc, or null elsewhere. */
function procState(pid) {
  try {
    return /\)\s+(\S)/.exec(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1] ?? null;
  } catch {
    return null;
  }
}

/** True when `pid` is a live process (not a zombie). */
function pidAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (error.code !== 'EPERM') return false;
  }
  return procState(pid) !== 'Z';
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

/** The pid written in a pid file, or NaN. */
function readPid(file) {
  try {
    return Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
  } catch {
    return NaN;
  }
}

/** The last `lines` lines of a log file ('' when there is none). */
function tailFile(file, lines = 15) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Waits (at most `timeoutMs`) until `pid` is gone; true when it is. */
async function waitForExit(pid, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (pidAlive(pid) && Date.now() < deadline) await sleep(50);
  return !pidAlive(pid);
}

/** Sends `signal` to `pid` and waits (at most `timeoutMs`) until it is gone; true when it is. */
async function terminate(pid, { signal = 'SIGTERM', timeoutMs = 5000 } = {}) {
  if (!pidAlive(pid)) return true;
  try {
    process.kill(pid, signal);
  } catch {
    return !pidAlive(pid);
  }
  return waitForExit(pid, timeoutMs);
}

module.exports = { pidAlive, pidRuns, readPid, tailFile, waitForExit, terminate };
