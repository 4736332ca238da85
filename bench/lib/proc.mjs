/**
 * Child processes of the bench: every server, redis-server and load worker is started through
 * `spawnTracked`, so one exit hook (and a watchdog) stops them all, whatever way the bench ends.
 * Also reads what a process cost from /proc: CPU seconds (utime + stime) and resident memory.
 *
 * Only processes started here are ever signalled, by their own pid.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { sleep } from '../../tools/lib/index.js';
import { round } from './stats.mjs';

/** Every live child started through this module. */
const tracked = new Set();

/** Clock ticks per second of /proc/<pid>/stat (`getconf CLK_TCK`; 100 on Linux). */
const CLK_TCK = 100;

export const log = (line) => process.stderr.write(`bench: ${line}\n`);

/** Kills every tracked child now (SIGKILL): the last resort of the exit hook and the watchdog. */
export function killAll() {
  for (const handle of tracked) {
    if (handle.child.exitCode === null && handle.child.signalCode === null) {
      try {
        handle.child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}

let hooked = false;
function hookExit() {
  if (hooked) return;
  hooked = true;
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      log(`${signal}: stopping every process the bench started`);
      killAll();
      process.exit(130);
    });
  }
}

/**
 * Spawns a child that the bench owns. Returns a handle with `child`, `pid`, `name` and
 * `output()` (the last 8 KB of its stdout and stderr, for error messages). `onLine`, when given,
 * receives each line of stderr (e.g. to find the inspector URL); `ipc` opens an IPC channel.
 */
export function spawnTracked(name, command, args, { env, cwd, onLine, ipc = false } = {}) {
  hookExit();
  const stdio = ['ignore', 'pipe', 'pipe', ...(ipc ? ['ipc'] : [])];
  const child = spawn(command, args, { env, cwd, stdio });
  let output = '';
  let partial = '';
  const keep = (chunk) => {
    output = (output + chunk).slice(-8192);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', (chunk) => {
    keep(chunk);
    if (!onLine) return;
    const lines = (partial + chunk).split('\n');
    partial = lines.pop();
    for (const line of lines) onLine(line);
  });
  const handle = {
    name,
    child,
    pid: child.pid,
    output: () => output,
    alive: () => child.exitCode === null && child.signalCode === null,
  };
  tracked.add(handle);
  child.once('exit', () => tracked.delete(handle));
  child.once('error', (error) => {
    output += `\n${error.message}`;
    tracked.delete(handle);
  });
  return handle;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
export async function stopProcess(handle, graceMs = 10_000) {
  if (!handle || !handle.alive()) return;
  const exited = new Promise((resolve) => handle.child.once('exit', resolve));
  handle.child.kill('SIGTERM');
  await Promise.race([exited, sleep(graceMs)]);
  if (handle.alive()) {
    handle.child.kill('SIGKILL');
    await Promise.race([exited, sleep(2000)]);
  }
}

/** Stops several processes at once. */
export function stopAll(handles, graceMs) {
  return Promise.all(handles.filter(Boolean).map((handle) => stopProcess(handle, graceMs)));
}

/**
 * Ends the bench after `ms` whatever it is doing: kills every child and exits 1. Returns a
 * function that cancels it.
 */
export function startWatchdog(ms) {
  const timer = setTimeout(() => {
    log(`watchdog: still running after ${Math.round(ms / 60_000)} min, stopping everything`);
    killAll();
    process.exit(1);
  }, ms);
  timer.unref();
  return () => clearTimeout(timer);
}

/** CPU seconds (user + system) a process has used so far, from /proc; NaN when it is gone. */
export function cpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return NaN;
  }
}

/**
 * Waits (at most `maxMs`) until a process uses less than `share` of a core over one `stepMs`
 * step: e.g. a server that is still working through thousands of disconnects. Resolves whether
 * it went quiet.
 */
export async function waitQuiet(pid, { share = 0.05, stepMs = 1000, maxMs = 30_000 } = {}) {
  const deadline = Date.now() + maxMs;
  let last = cpuSeconds(pid);
  while (Date.now() < deadline) {
    await sleep(stepMs);
    const now = cpuSeconds(pid);
    if (!Number.isFinite(now) || now - last < (share * stepMs) / 1000) return true;
    last = now;
  }
  return false;
}

/** Resident set size of a process in bytes, from /proc; NaN when it is gone. */
export function rssBytes(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/**
 * Measures the CPU that groups of processes use between `start` (now) and `stop()`:
 * `meter = cpuMeter({servers: [...], load: [...]})`, each entry `{name, pid}`; later
 * `meter.stop()` gives `{servers: {total, byName}, load: {...}, wallSeconds, boxShare,
 * loadAverage}`: boxShare is the part of the machine's CPU time those processes used together
 * (1 = every core busy for them), loadAverage the 1-minute load when the meter started, so a
 * reader sees when other work on the box competed.
 */
export function cpuMeter(groups) {
  const startedAt = performance.now();
  const loadAverage = round(os.loadavg()[0], 2);
  const before = new Map();
  for (const list of Object.values(groups))
    for (const { pid } of list) before.set(pid, cpuSeconds(pid));
  return {
    stop() {
      const wall = (performance.now() - startedAt) / 1000;
      const result = { wallSeconds: round(wall, 2) };
      let all = 0;
      for (const [group, list] of Object.entries(groups)) {
        const byName = {};
        let total = 0;
        for (const { pid, name } of list) {
          const used = cpuSeconds(pid) - before.get(pid);
          byName[name] = round(used, 2);
          if (Number.isFinite(used)) total += used;
        }
        result[group] = { total: round(total, 2), byName };
        all += total;
      }
      result.boxShare = round(all / (wall * os.cpus().length), 2);
      result.loadAverage = loadAverage;
      return result;
    },
  };
}
