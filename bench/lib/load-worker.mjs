/**
 * A load-generator process (forked by pool.mjs; never run by hand; about 250 lines: one handler
 * per IPC command). It holds a slice of the
 * client connections of a scenario and obeys commands from the bench over IPC:
 *
 *   init      {driver, options, countComments}        which client driver (clients.mjs)
 *   connect   {targets: [{url, accessToken?, room?}], concurrency}
 *   burst     {op, room?, startAt?, spreadMs?, ...}   JOIN_CLASS / LEAVE_CLASS / HEARTBEAT once
 *                                                      from every connection, acked and timed
 *   heartbeat {intervalMs, durationMs}                 HEARTBEAT from every connection
 *   publish   {room, rate, phases, startAt, via}        open-loop comments at `rate` per second
 *   window    {from, to}                               count deliveries received in this window
 *   collect   {}                                       delivery counts and latency per phase
 *   frames    {}                                       PARTICIPANT_COUNT and CLASS_ENDED seen
 *   reset     {}                                       forget deliveries and frames
 *   close     {}                                       close every connection
 *
 * Comment texts are `B|<phase>|<seq>|<send time>`; the send time is the monotonic clock
 * (process.hrtime), which is one clock for every process on the box, so a listener's receive time
 * minus it is the end-to-end latency. Every loop here is bounded by a count or a deadline.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { centrifugoPublisher, createDriver } from './clients.mjs';
import { Histogram, monoMs } from './stats.mjs';

const state = {
  driver: null,
  countComments: true,
  conns: [],
  /** phase -> {count, hist} of comments received. */
  phases: new Map(),
  window: { from: Infinity, to: -Infinity },
  inWindow: 0,
  unknown: 0,
  frames: { total: 0, observer: [], ended: 0, lastEndedAt: 0 },
};

function onComment(text) {
  if (!state.countComments) return;
  const now = monoMs();
  const parts = typeof text === 'string' ? text.split('|') : [];
  if (parts.length !== 4 || parts[0] !== 'B') {
    state.unknown++;
    return;
  }
  let phase = state.phases.get(parts[1]);
  if (!phase) state.phases.set(parts[1], (phase = { count: 0, hist: new Histogram() }));
  phase.count++;
  phase.hist.record(now - Number(parts[3]));
  if (now >= state.window.from && now <= state.window.to) state.inWindow++;
}

function onCount(conn, message) {
  state.frames.total++;
  if (conn === state.conns[0]?.conn)
    state.frames.observer.push({ count: message.count, at: monoMs() });
}

function onEnded() {
  state.frames.ended++;
  state.frames.lastEndedAt = monoMs();
}

function tally(outcomes, envelope) {
  const key = envelope.success ? 'OK' : (envelope.error?.code ?? 'UNKNOWN');
  outcomes[key] = (outcomes[key] ?? 0) + 1;
}

/** Runs fn over items with at most `limit` in flight. */
async function mapLimit(items, limit, fn) {
  let next = 0;
  const run = async () => {
    while (next < items.length) {
      const index = next++;
      await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
}

async function waitUntil(monoTime) {
  const delay = monoTime - monoMs();
  if (delay > 0) await sleep(delay);
}

const commands = {
  init({ driver, options = {}, countComments = true }) {
    state.driver = createDriver(driver, options, {
      comment: onComment,
      count: onCount,
      ended: onEnded,
    });
    state.countComments = countComments;
    return { pid: process.pid };
  },

  /** Opens a connection per target; they keep the targets' order (the first is the observer). */
  async connect({ targets, concurrency = 50 }) {
    const startedAt = monoMs();
    const errors = {};
    const opened = new Array(targets.length);
    await mapLimit(targets, concurrency, async (target, i) => {
      try {
        opened[i] = { conn: await state.driver.connect(target), target };
      } catch (error) {
        errors[error.message] = (errors[error.message] ?? 0) + 1;
      }
    });
    const connected = opened.filter(Boolean);
    state.conns.push(...connected);
    return {
      connected: connected.length,
      failed: targets.length - connected.length,
      errors,
      ms: monoMs() - startedAt,
    };
  },

  /**
   * Every connection (or those in [from, to)) does `op` once: 'join' (skipping connections
   * already in that room), 'leave' or 'heartbeat'. All at once at `startAt`, or paced evenly over
   * `spreadMs`, or at most `concurrency` in flight. The room is `room`, else each target's own.
   */
  async burst({ op, room, startAt, spreadMs = 0, concurrency = Infinity, from = 0, to }) {
    let entries = state.conns.slice(from, to ?? state.conns.length);
    if (op === 'join')
      entries = entries.filter((e) => e.joined !== (room ?? e.target.room).classId);
    if (startAt) await waitUntil(startAt);
    const outcomes = {};
    const hist = new Histogram();
    const firstAt = monoMs();
    let lastAt = firstAt;
    const limit = spreadMs ? entries.length : Math.min(concurrency, entries.length);
    await mapLimit(entries, Math.max(1, limit), async (entry, i) => {
      if (spreadMs) await waitUntil(firstAt + (i * spreadMs) / entries.length);
      const target = room ?? entry.target.room;
      const sentAt = monoMs();
      const envelope =
        op === 'join'
          ? await state.driver.join(entry.conn, target)
          : op === 'leave'
            ? await state.driver.leave(entry.conn, target)
            : await state.driver.heartbeat(entry.conn);
      lastAt = monoMs();
      hist.record(lastAt - sentAt);
      tally(outcomes, envelope);
      if (envelope.success && op !== 'heartbeat')
        entry.joined = op === 'join' ? target.classId : null;
    });
    return { outcomes, firstAt, lastAt, hist: hist.toJSON(), shape: state.driver.joinShape() };
  },

  async heartbeat({ intervalMs, durationMs }) {
    const outcomes = {};
    const until = monoMs() + durationMs;
    await Promise.all(
      state.conns.map(async ({ conn }) => {
        await sleep(Math.random() * intervalMs);
        for (let i = 0; i < 100_000 && monoMs() < until; i++) {
          const sentAt = monoMs();
          tally(outcomes, await state.driver.heartbeat(conn));
          const wait = sentAt + intervalMs - monoMs();
          if (monoMs() + wait >= until) break;
          if (wait > 0) await sleep(wait);
        }
      }),
    );
    return { outcomes };
  },

  /**
   * Offers `rate` comments per second, spread round-robin over this worker's connections (or
   * sent through Centrifugo's HTTP API when `via` says so), for each phase in turn.
   */
  async publish({ room, rate, phases, startAt, via }) {
    const send = via
      ? centrifugoPublisher(via)
      : (roomArg, text, seq) =>
          state.driver.comment(state.conns[seq % state.conns.length].conn, roomArg, text);
    if (startAt) await waitUntil(startAt);
    const results = {};
    const pending = [];
    let seq = 0;
    for (const { name, ms } of phases) {
      const result = (results[name] = { sent: 0, outcomes: {}, ack: new Histogram() });
      const t0 = monoMs();
      const limit = Math.ceil((rate * ms) / 1000);
      while (monoMs() < t0 + ms && result.sent < limit) {
        const due = Math.min(limit, Math.floor(((monoMs() - t0) * rate) / 1000) + 1);
        while (result.sent < due) {
          const sentAt = monoMs();
          const text = `B|${name}|${seq}|${sentAt.toFixed(3)}`;
          pending.push(
            send(room, text, seq).then((envelope) => {
              result.ack.record(monoMs() - sentAt);
              tally(result.outcomes, envelope);
            }),
          );
          seq++;
          result.sent++;
        }
        await sleep(2);
      }
    }
    await Promise.all(pending);
    for (const result of Object.values(results)) result.ack = result.ack.toJSON();
    return results;
  },

  window({ from, to }) {
    state.window = { from, to };
    state.inWindow = 0;
    return {};
  },

  collect() {
    const phases = {};
    for (const [name, { count, hist }] of state.phases)
      phases[name] = { count, hist: hist.toJSON() };
    return { phases, inWindow: state.inWindow, unknown: state.unknown };
  },

  frames() {
    return state.frames;
  },

  reset() {
    state.phases.clear();
    state.inWindow = 0;
    state.unknown = 0;
    state.window = { from: Infinity, to: -Infinity };
    state.frames = { total: 0, observer: [], ended: 0, lastEndedAt: 0 };
    return {};
  },

  close() {
    for (const { conn } of state.conns) state.driver.close(conn);
    const closed = state.conns.length;
    state.conns = [];
    return { closed };
  },
};

process.on('message', async ({ id, cmd, args }) => {
  try {
    const result = await commands[cmd](args ?? {});
    process.send({ id, ok: true, result });
  } catch (error) {
    process.send({ id, ok: false, error: error?.stack ?? String(error) });
  }
});
process.on('disconnect', () => process.exit(0));
