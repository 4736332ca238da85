/**
 * The printed report (about 350 lines on purpose: one formatter per scenario, side by side so
 * their columns stay alike): one table per scenario, ratios against the baseline of the same run
 * (LLMS ÷ bare Socket.IO, LLMS ÷ Centrifugo, each --ref build ÷ LLMS), and the CPU each side used.
 * `addRatios` also stores the ratios in the results, so the JSON carries them.
 */
import { mergeCounts } from './pool.mjs';
import { ratio, round } from './stats.mjs';

/** A plain-text table: `rows` are arrays of cells; numbers are right-aligned. */
export function table(headers, rows) {
  const cells = [headers, ...rows].map((row) =>
    headers.map((_, i) => (row[i] === null || row[i] === undefined ? '-' : String(row[i]))),
  );
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  const line = (row, source) =>
    row
      .map((cell, i) =>
        typeof source?.[i] === 'number' ? cell.padStart(widths[i]) : cell.padEnd(widths[i]),
      )
      .join('  ')
      .trimEnd();
  return [
    line(cells[0]),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.slice(1).map((row, i) => line(row, rows[i])),
  ].join('\n');
}

const x = (value) => (value === null || value === undefined ? '-' : `${value.toFixed(2)}x`);
const fixed = (value, digits = 1) =>
  Number.isFinite(value) ? Number(value.toFixed(digits)) : null;

function llmsNames(runs) {
  return [...new Set(runs.filter((r) => r.system.startsWith('llms')).map((r) => r.system))];
}

/** Ratios of fan-out and memory figures, stored under results.<scenario>.ratios. */
export function addRatios(results) {
  const fanout = results.fanout?.runs ?? [];
  const ratios = [];
  for (const name of llmsNames(fanout)) {
    for (const run of fanout.filter((r) => r.system === name && !r.error)) {
      const same = (system) =>
        fanout.find(
          (r) =>
            r.system === system && r.listeners === run.listeners && r.rate === run.rate && !r.error,
        );
      for (const peer of ['socket.io', 'centrifugo', ...(name === 'llms' ? [] : ['llms'])]) {
        const other = same(peer);
        if (!other) continue;
        ratios.push({
          system: name,
          versus: peer,
          listeners: run.listeners,
          rate: run.rate,
          delivered: round(ratio(run.deliveredPerSec, other.deliveredPerSec), 3),
          p50: round(ratio(run.latencyMs.p50, other.latencyMs.p50), 2),
          p99: round(ratio(run.latencyMs.p99, other.latencyMs.p99), 2),
          serverCpu: round(ratio(run.cpu.servers.total, other.cpu.servers.total), 2),
        });
      }
    }
  }
  if (results.fanout) results.fanout.ratios = ratios;

  const memory = results.memory?.runs ?? [];
  const memoryRatios = [];
  for (const name of llmsNames(memory)) {
    for (const run of memory.filter((r) => r.system === name && !r.error)) {
      const base = memory.find((r) => r.system === 'socket.io' && r.sockets === run.sockets);
      if (!base) continue;
      memoryRatios.push({
        system: name,
        versus: 'socket.io',
        sockets: run.sockets,
        heapPerSocket: round(ratio(run.heapPerSocketKB, base.heapPerSocketKB), 2),
        rssPerSocket: round(ratio(run.rssPerSocketKB, base.rssPerSocketKB), 2),
      });
    }
  }
  if (results.memory) results.memory.ratios = memoryRatios;
}

function fanoutSection(fanout) {
  const { config } = fanout;
  const rows = fanout.runs.map((r) =>
    r.error
      ? [
          `${r.listeners} x ?`,
          r.system,
          null,
          null,
          null,
          null,
          null,
          `ERROR ${r.error}`,
          null,
          null,
        ]
      : [
          `${r.listeners} x ${r.rate}/s`,
          r.system,
          r.offeredPerSec,
          r.deliveredPerSec,
          fixed(r.latencyMs.p50, 2),
          fixed(r.latencyMs.p99, 2),
          r.lost,
          Object.keys(r.errors).length ? JSON.stringify(r.errors) : '-',
          fixed(r.cpu.servers.total),
          fixed(r.cpu.load.total),
          r.serverRssMB,
        ],
  );
  const ratioRows = fanout.ratios.map((q) => [
    `${q.listeners} x ${q.rate}/s`,
    `${q.system} ÷ ${q.versus}`,
    x(q.delivered),
    x(q.p50),
    x(q.p99),
    x(q.serverCpu),
  ]);
  return [
    `Fan-out: one class, listeners spread over ${config.instances} instances; ${config.warmupSeconds} s warm-up, ` +
      `${config.measureSeconds} s measured (CPU over warm-up + window + drain)`,
    table(
      [
        'case',
        'system',
        'offered/s',
        'delivered/s',
        'p50 ms',
        'p99 ms',
        'lost',
        'errors',
        'server CPU s',
        'load CPU s',
        'server RSS MB',
      ],
      rows,
    ),
    '',
    table(['case', 'ratio', 'delivered/s', 'p50', 'p99', 'server CPU'], ratioRows),
  ].join('\n');
}

function memorySection(memory) {
  const rows = memory.runs.map((r) =>
    r.error
      ? [null, r.system, null, null, `ERROR ${r.error}`]
      : [r.sockets, r.system, r.heapPerSocketKB, r.rssPerSocketKB, r.afterCloseHeapPerSocketKB],
  );
  const ratioRows = memory.ratios.map((q) => [
    q.sockets,
    `${q.system} ÷ ${q.versus}`,
    x(q.heapPerSocket),
    x(q.rssPerSocket),
  ]);
  return [
    'Memory per idle joined socket (one instance, full GC over the inspector; (N - 0 sockets) / N)',
    table(
      ['sockets', 'system', 'heap KB/socket', 'RSS KB/socket', 'heap KB/socket after close'],
      rows,
    ),
    '',
    table(['sockets', 'ratio', 'heap/socket', 'RSS/socket'], ratioRows),
  ].join('\n');
}

function joinSection(join) {
  const rows = join.runs.map((r) =>
    r.error
      ? [r.system, null, null, null, null, null, `ERROR ${r.error}`]
      : [
          r.system,
          r.stack.medianJoinsPerSec,
          r.direct.medianJoinsPerSec ?? null,
          r.ratio === null ? '-' : `${(100 * r.ratio).toFixed(1)}%`,
          Math.max(...r.stack.rounds.map((s) => s.ackMs.p99)),
          r.stack.rounds[0].shape,
          r.direct.error
            ? `direct: ${r.direct.error.slice(0, 80)}`
            : JSON.stringify(mergeCounts(r.stack.rounds.map((s) => s.outcomes))),
        ],
  );
  return [
    `Joins/s: ${join.config.sockets} sockets over ${join.config.instances} instances, JOIN_CLASS all at once, ` +
      `median of ${join.config.rounds} rounds; direct = the presence scripts alone (target >= 25%)`,
    table(
      [
        'system',
        'stack joins/s',
        'direct joins/s',
        'stack ÷ direct',
        'worst p99 ack ms',
        'JOIN_CLASS payload',
        'outcomes',
      ],
      rows,
    ),
  ].join('\n');
}

function coalescingSection(coalescing) {
  const rows = coalescing.runs.map((r) =>
    r.error
      ? [r.system, r.instance, null, null, null, null, null, null, `ERROR ${r.error}`]
      : [
          r.system,
          `${r.instance} ${r.intervalMs} ms`,
          `${r.join.frames} (${r.join.framesPerChange}/join)`,
          `${r.join.lastCount}/${r.students}`,
          `${r.spread.frames} (${r.spread.framesPerChange}/join)`,
          r.versusBaseline
            ? `${x(r.versusBaseline.joinBurstFrames)} / ${x(r.versusBaseline.spreadFrames)}`
            : '',
          r.heartbeatBurst
            ? `${r.join.ackMs.p50} / ${r.join.ackMs.p99} (HEARTBEAT ${r.heartbeatBurst.ackMs.p50} / ${r.heartbeatBurst.ackMs.p99})`
            : `${r.join.ackMs.p50} / ${r.join.ackMs.p99}`,
          `${r.end.classEndedSeen}/${r.end.expected} in ${r.end.fanOutMs} ms`,
          r.problems.length ? `PROBLEMS: ${r.problems.join('; ')}` : 'ok',
        ],
  );
  return [
    `PARTICIPANT_COUNT coalescing: ${coalescing.config.students} students on one instance; frames at the ` +
      `teacher's socket (join burst; joins spread over ${coalescing.config.spreadSeconds} s); A ÷ B = frames ` +
      'at the default interval ÷ at 10 ms',
    table(
      [
        'system',
        'interval',
        'burst frames',
        'last count',
        'spread frames',
        'A ÷ B burst / spread',
        'JOIN_CLASS ack p50 / p99 ms',
        'CLASS_ENDED',
        'invariants',
      ],
      rows,
    ),
  ].join('\n');
}

function presenceSection(presence) {
  const { config } = presence;
  const rows = presence.runs.map((r) =>
    r.error
      ? [r.system, r.classSize, null, null, null, null, `ERROR ${r.error}`]
      : [
          r.system,
          r.classSize,
          r.users,
          fixed(r.idle.cpuSeconds, 3),
          fixed(r.steady.cpuSeconds, 3),
          r.noiseUsPerUserMinute === undefined
            ? r.usPerUserMinute
            : `${r.usPerUserMinute} ± ${r.noiseUsPerUserMinute}`,
          `${r.steady.commandsPerSecond}/s (idle ${r.idle.commandsPerSecond}/s)`,
          JSON.stringify(r.heartbeats),
        ],
  );
  return [
    `Presence: Redis CPU per connected user-minute (${config.users} users, classes of ${config.classSizes.join(' and ')}, ` +
      `HEARTBEAT every ${config.heartbeatSeconds} s, ${config.windowSeconds} s windows, own redis-server); ` +
      `outside figure ~${config.outsideFigureUsPerUserMinute}, target <= ${config.target}, bar <= ${config.bar}`,
    table(
      [
        'system',
        'class size',
        'users',
        'idle CPU s',
        'steady CPU s',
        'µs/user-minute (± 2 s.e.)',
        'Redis commands',
        'heartbeats',
      ],
      rows,
    ),
    ...(presence.unitCosts ?? []).map(
      (u) =>
        `  ${u.system} unit costs: ${u.usPerUserMinute} µs per user-minute + ` +
        `${u.usPerPairMinute} µs per (instance, class) pair-minute ` +
        `(${u.callsPerUserSecond} + ${u.callsPerPairSecond} commands/s at ${u.usPerCall} µs each); ` +
        `Redis memory ${u.redisBytesPerUser} B per user + ${u.redisBytesPerClass} B per class`,
    ),
    ...presence.runs
      .filter((r) => r.steady)
      .map(
        (r) =>
          `  ${r.system} classes of ${r.classSize}: top commands/s (commandstats; counts script calls too): ` +
          r.steady.topCommands
            .slice(0, 6)
            .map((c) => `${c.command} ${c.perSecond}`)
            .join(', '),
      ),
  ].join('\n');
}

function cpuSection(meta) {
  const rows = [];
  for (const [scenario, list] of Object.entries(meta.cpu.byScenario))
    for (const r of list)
      rows.push([
        scenario,
        r.system,
        r.case ?? '',
        r.servers,
        r.load,
        r.wallSeconds,
        r.boxShare,
        r.loadAverage,
      ]);
  return [
    'CPU seconds used by each side (servers = app instances + the bench redis-server; load = load ' +
      'workers); box share = (servers + load) / (wall x cores); load avg = 1-minute load at the start',
    table(
      ['scenario', 'system', 'case', 'servers', 'load', 'wall s', 'box share', 'load avg'],
      rows,
    ),
  ].join('\n');
}

/** Everything in the results that is wrong rather than slow: errors, losses, broken invariants. */
export function problems(results) {
  const list = [];
  for (const scenario of ['fanout', 'memory', 'join', 'coalescing', 'presence']) {
    for (const r of results[scenario]?.runs ?? []) {
      const where = `${scenario} ${r.system}${r.case ? ` ${r.case}` : r.rate ? ` ${r.listeners} x ${r.rate}/s` : ''}`;
      if (r.error) list.push(`${where}: ${r.error}`);
      if (r.errors && Object.keys(r.errors).length)
        list.push(`${where}: publish errors ${JSON.stringify(r.errors)}`);
      if (r.lost) list.push(`${where}: ${r.lost} deliveries lost`);
      for (const p of r.problems ?? []) list.push(`${where}: ${p}`);
      for (const round of r.stack?.rounds ?? [])
        if (round.outcomes.OK !== round.joins)
          list.push(`${where}: joins ${JSON.stringify(round.outcomes)}`);
      if (r.heartbeats && Object.keys(r.heartbeats).some((k) => k !== 'OK'))
        list.push(`${where}: heartbeats ${JSON.stringify(r.heartbeats)}`);
    }
  }
  return list;
}

export function printReport(results) {
  addRatios(results);
  const sections = [];
  if (results.fanout) sections.push(fanoutSection(results.fanout));
  if (results.memory) sections.push(memorySection(results.memory));
  if (results.join) sections.push(joinSection(results.join));
  if (results.coalescing) sections.push(coalescingSection(results.coalescing));
  if (results.presence) sections.push(presenceSection(results.presence));
  if (results.centrifugo?.skipped)
    sections.push(`Centrifugo skipped: ${results.centrifugo.skipped}`);
  sections.push(cpuSection(results.meta));
  const found = problems(results);
  sections.push(
    found.length ? `PROBLEMS:\n  ${found.join('\n  ')}` : 'No errors, losses or broken invariants.',
  );
  const { meta } = results;
  sections.push(
    `${meta.machine.cpus} CPUs (${meta.machine.cpuModel}), node ${meta.node}, git ${meta.git.sha?.slice(0, 12)}` +
      `${meta.git.dirty ? ' (dirty)' : ''}; load average ${meta.machine.loadAverageBefore.join(' ')} before, ` +
      `${meta.machine.loadAverageAfter.join(' ')} after; ${meta.seconds} s in all`,
  );
  process.stdout.write(`\n${sections.join('\n\n')}\n`);
}
