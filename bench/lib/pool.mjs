/**
 * The bench's side of the load workers (load-worker.mjs): forks them, sends commands over IPC
 * and gathers the answers. A pool is one scenario's load: `listeners` workers share the listening
 * connections, and an optional separate `publisher` worker offers the comments.
 *
 *   const pool = await LoadPool.start({workers: 2, driver: 'socketio', options: {auth: true}});
 *   await pool.connect(targets);   // spread evenly over the workers
 *   const joins = await pool.each('join', {room});
 *   await pool.close();
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnTracked, stopProcess } from './proc.mjs';

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'load-worker.mjs');
/** No single command may take longer than this (every worker loop is bounded well below it). */
const COMMAND_TIMEOUT_MS = 5 * 60_000;

class Worker {
  constructor(name) {
    this.name = name;
    this.handle = spawnTracked(name, process.execPath, ['--max-old-space-size=4096', WORKER], {
      ipc: true,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
    });
    this.pid = this.handle.pid;
    this.nextId = 0;
    this.pending = new Map();
    this.handle.child.on('message', ({ id, ok, result, error }) => {
      const waiter = this.pending.get(id);
      if (!waiter) return;
      this.pending.delete(id);
      clearTimeout(waiter.timer);
      if (ok) waiter.resolve(result);
      else waiter.reject(new Error(`${this.name}: ${error}`));
    });
    this.handle.child.once('exit', (code) => {
      for (const waiter of this.pending.values()) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error(`${this.name} exited (${code}):\n${this.handle.output()}`));
      }
      this.pending.clear();
    });
  }

  call(cmd, args) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: ${cmd} took longer than ${COMMAND_TIMEOUT_MS / 1000} s`));
      }, COMMAND_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
      this.handle.child.send({ id, cmd, args });
    });
  }
}

export class LoadPool {
  constructor(listeners, publisher) {
    this.listeners = listeners;
    this.publisher = publisher;
  }

  /**
   * Forks `workers` listener processes (and one publisher when `publisher` is given: its driver
   * and options), each initialised with `driver` and `options`.
   */
  static async start({ workers, driver, options, publisher = null, label = 'load' }) {
    const listeners = Array.from({ length: workers }, (_, i) => new Worker(`${label}-${i + 1}`));
    await Promise.all(listeners.map((w) => w.call('init', { driver, options })));
    let pub = null;
    if (publisher) {
      pub = new Worker(`${label}-pub`);
      await pub.call('init', { ...publisher, countComments: false });
    }
    return new LoadPool(listeners, pub);
  }

  /** {name, pid} of every worker, for the CPU meter. */
  get processes() {
    return [...this.listeners, ...(this.publisher ? [this.publisher] : [])].map((w) => ({
      name: w.name,
      pid: w.pid,
    }));
  }

  /** Spreads `targets` evenly over the listener workers and connects them; sums the answers. */
  async connect(targets, concurrency = 50) {
    const slices = this.listeners.map(() => []);
    targets.forEach((target, i) => slices[i % slices.length].push(target));
    const results = await Promise.all(
      this.listeners.map((w, i) => w.call('connect', { targets: slices[i], concurrency })),
    );
    return {
      connected: results.reduce((sum, r) => sum + r.connected, 0),
      failed: results.reduce((sum, r) => sum + r.failed, 0),
      errors: mergeCounts(results.map((r) => r.errors)),
      ms: Math.max(...results.map((r) => r.ms)),
    };
  }

  /** Sends one command to every listener worker (`args` or `args(i)`); resolves the answers. */
  each(cmd, args = {}) {
    return Promise.all(
      this.listeners.map((w, i) => w.call(cmd, typeof args === 'function' ? args(i) : args)),
    );
  }

  async close() {
    const all = [...this.listeners, ...(this.publisher ? [this.publisher] : [])];
    await Promise.all(all.map((w) => w.call('close').catch(() => undefined)));
    await Promise.all(all.map((w) => stopProcess(w.handle, 3000)));
  }
}

/** Sums several {key: count} objects. */
export function mergeCounts(list) {
  const total = {};
  for (const counts of list)
    for (const [key, n] of Object.entries(counts ?? {})) total[key] = (total[key] ?? 0) + n;
  return total;
}
