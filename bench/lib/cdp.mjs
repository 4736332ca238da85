/**
 * A minimal Chrome DevTools Protocol client for a Node process started with
 * `--inspect=127.0.0.1:<port>`: forces full garbage collections and reads `process.memoryUsage()`
 * from outside, and streams heap snapshots to a file, without changing the app.
 */
import fs from 'node:fs';
import WebSocket from 'ws';
import { waitFor } from '../../tools/lib/index.js';

export class Inspector {
  constructor(socket) {
    this.socket = socket;
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = new Map();
    socket.on('message', (raw) => {
      const message = JSON.parse(raw);
      if (message.id && this.pending.has(message.id)) {
        const { resolve, reject } = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) reject(new Error(`${message.error.message} (${message.error.code})`));
        else resolve(message.result);
      } else if (message.method) {
        this.listeners.get(message.method)?.(message.params);
      }
    });
    socket.on('close', () => {
      for (const { reject } of this.pending.values()) reject(new Error('inspector closed'));
      this.pending.clear();
    });
  }

  /** Connects to the first target of the inspector on `port`. */
  static async connect(port) {
    const targets = await waitFor(
      async () => {
        const response = await fetch(`http://127.0.0.1:${port}/json/list`);
        const list = await response.json();
        return list.length ? list : null;
      },
      { timeoutMs: 15_000, what: `inspector on ${port}` },
    );
    const socket = new WebSocket(targets[0].webSocketDebuggerUrl, { maxPayload: 0 });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return new Inspector(socket);
  }

  send(method, params = {}, timeoutMs = 300_000) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} timed out`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (value) => (clearTimeout(timer), resolve(value)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  on(method, listener) {
    this.listeners.set(method, listener);
  }

  /** Evaluates an expression in the process and returns its (JSON) value. */
  async evaluate(expression) {
    const { result, exceptionDetails } = await this.send('Runtime.evaluate', {
      expression,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(`evaluate failed: ${exceptionDetails.text}`);
    return result.value;
  }

  /** Full GCs (twice, so weak and finalised objects go too), then process.memoryUsage(). */
  async memoryAfterGc() {
    await this.send('HeapProfiler.collectGarbage');
    await this.send('HeapProfiler.collectGarbage');
    return this.evaluate('process.memoryUsage()');
  }

  /** Writes a heap snapshot (after a full GC) to `file`; resolves its size in bytes. */
  async heapSnapshot(file) {
    await this.send('HeapProfiler.collectGarbage');
    const out = fs.createWriteStream(file);
    let bytes = 0;
    this.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => {
      bytes += chunk.length;
      out.write(chunk);
    });
    await this.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    await new Promise((resolve) => out.end(resolve));
    return bytes;
  }

  close() {
    this.socket.close();
  }
}
