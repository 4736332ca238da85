/**
 * The capacity model in words (docs/capacity.md's generated section): the unit costs with where
 * they came from, the assumptions, and for each scenario a table of figures with the arithmetic
 * behind each, from bench/lib/capacity.mjs.
 */
import { ASSUMPTIONS, SCENARIOS, plan } from './capacity.mjs';
import { unitCosts } from './unit-costs.mjs';

const GiB = 1024 ** 3;

const n = (x, digits = 0) => Number(x).toLocaleString('en-US', { maximumFractionDigits: digits });
const bytes = (x) =>
  x >= GiB
    ? `${n(x / GiB, 1)} GiB`
    : x >= 1024 ** 2
      ? `${n(x / 1024 ** 2, 1)} MiB`
      : `${n(x / 1024, 1)} KiB`;
const bitRate = (x) => `${n((x * 8) / 1e9, 2)} Gbit/s (${bytes(x)}/s)`;

/** A row per figure of a plan: what, the figure, the arithmetic that gave it. */
export function planRows(units, { a, frames, traffic: t, fleet, redis, mongo, network: net }) {
  const u = (key, digits = 2) => n(units[key].value, digits);
  const rows = [
    ['Sockets', n(t.sockets), `${n(t.users)} users + ${n(t.classes)} teachers (one per class)`],
    [
      'Deliveries/s',
      n(fleet.deliveries),
      `comments ${n(t.commentsPerSec)}/s (${n(t.users)} / ${a.commentEverySeconds} s) x ${n(t.perClass)} sockets = ${n(t.commentDeliveries)}; ` +
        `counts: ${n(t.classes)} classes x min(${n(t.countChangesPerClass, 3)} changes/s, ${n(1000 / a.countIntervalMs)}/s) x ${n(t.perClass)} = ${n(t.countDeliveries)}`,
    ],
    [
      'App CPU',
      `${n(fleet.cpuCores, 1)} cores`,
      `(${n(t.sockets)} sockets x ${u('cpuPerSocketSecond')} µs + ${n(fleet.deliveries)} deliveries x ${u('cpuPerDelivery')} µs + ` +
        `${n(t.commentsPerSec)} comments x ${n(fleet.eventUs)} µs + ${n(t.staysPerSec)} stays x ${u('cpuPerStay', 0)} µs) per second`,
    ],
    [
      'App instances',
      n(fleet.instances),
      `max(CPU: ${n(fleet.cpuCores, 1)} / (${a.instanceCores} x ${a.instanceCpuTarget} - ${u('cpuPerInstance', 3)} idle) = ${n(fleet.byCpu)}, ` +
        `memory: ${n(t.sockets)} / ${n(fleet.socketsByMemory)} sockets each = ${n(fleet.byMemory)}); ` +
        `${n(t.sockets / fleet.instances)} sockets each`,
    ],
    [
      'Instances per class',
      n(fleet.holders, 1),
      `${n(t.perClass)} sockets at random over ${n(fleet.instances)} instances: N(1 - (1 - 1/N)^k)`,
    ],
    [
      'Redis CPU',
      `${n(redis.cores, 2)} cores`,
      `presence (${n(t.users)} x ${u('presencePerUser')} + ${n(redis.pairs)} pairs x ${u('presencePerPair')}) / 60 = ${n(redis.presenceUs)} µs/s; ` +
        `comments ${n(t.commentsPerSec)} x (${u('redisPerComment', 0)} µs + ${n(redis.extraHolders, 1)} more holders x ${u('redisPerCall')} µs) = ${n(redis.commentUs)} µs/s; ` +
        `stays ${n(t.staysPerSec)} x ${u('redisPerStay', 0)} µs = ${n(redis.stayUs)} µs/s`,
    ],
    [
      'Redis calls/s',
      redis.presenceCalls === null
        ? 'n/a'
        : n(redis.presenceCalls + redis.commentCalls + redis.stayCalls),
      `${redis.presenceCalls === null ? 'presence not measured' : `presence ${n(t.users)} x ${u('presenceCallsPerUser', 4)} + ${n(redis.pairs)} x ${u('presenceCallsPerPair', 4)} = ${n(redis.presenceCalls)}`}; ` +
        `comments ${n(t.commentsPerSec)} x 3 = ${n(redis.commentCalls)}; stays ${n(t.staysPerSec)} x 4 = ${n(redis.stayCalls)}`,
    ],
    [
      'Redis memory',
      bytes(redis.bytes),
      `${n(t.users)} x ${u('redisBytesPerUser', 0)} B + ${n(t.classes)} x (${u('redisBytesPerClass', 0)} B + ${n(redis.recentBytes / 1024, 1)} KiB of recent comments)`,
    ],
    [
      'Redis shards',
      n(redis.shards),
      `max(CPU ${n(redis.cores, 2)} / ${a.redisCpuTarget} = ${redis.shardsByCpu}, memory ${bytes(redis.bytes)} / (${a.redisMemoryGiB} GiB x ${a.redisMemoryTarget}) = ${redis.shardsByMemory}, 3 for a cluster), each with a replica`,
    ],
    [
      'MongoDB writes/s',
      n(mongo.writes),
      `attendance ${n(mongo.attendance)} (one per stay) + comment batches ${n(mongo.commentBatches)} (${n(t.commentsPerSec)} comments, an insertMany per class at most every 5 s) + classes ${n(mongo.classes, 1)} (create, start, end)`,
    ],
    [
      'Network, to clients',
      bitRate(net.toClients),
      `${n(t.commentDeliveries)} x ${frames.comment} B + ${n(t.countDeliveries)} x ${frames.count} B + ${n(t.heartbeatsPerSec)} acks x ${frames.heartbeatAck} B + pings, each + ${a.tcpOverheadBytes} B`,
    ],
    [
      'Network, from clients',
      bitRate(net.fromClients),
      `${n(t.heartbeatsPerSec)} x ${frames.heartbeat} B + ${n(t.commentsPerSec)} x ${frames.commentIn} B + pongs, each + ${a.tcpOverheadBytes} B`,
    ],
    [
      'Network, Redis to instances',
      bitRate(net.redisToInstances),
      `${n(t.commentsPerSec)} comments x ${n(fleet.holders, 1)} instances x ~${frames.redisMessage} B`,
    ],
  ];
  return rows;
}

/** The generated part of docs/capacity.md. */
export function capacityMarkdown(bench, assumptions = ASSUMPTIONS) {
  const units = unitCosts(bench);
  const lines = [
    `Generated by \`npm run docs:numbers\` from \`bench/results/latest.json\` (${bench.meta?.startedAt?.slice(0, 10) ?? 'latest run'}, git ${bench.meta?.git?.sha?.slice(0, 12) ?? '?'}); the code is \`bench/lib/capacity.mjs\`.`,
    '',
    '### Unit costs (measured)',
    '',
    '| unit cost | value | unit | from the bench JSON |',
    '| --- | --- | --- | --- |',
    ...Object.values(units).map(
      (u) =>
        `| ${u.name} | ${u.value === null ? 'n/a' : n(u.value, Math.abs(u.value) < 1 ? 4 : 2)} | ${u.unit} | ${u.from} |`,
    ),
    '',
    '### Assumptions',
    '',
    '| assumption | value |',
    '| --- | --- |',
    ...Object.values(assumptions).map((v) => `| ${v.text} | ${v.value} |`),
  ];
  for (const scenario of SCENARIOS) {
    const rows = planRows(units, plan(units, scenario, assumptions));
    lines.push(
      '',
      `### (${scenario.key}) ${scenario.title}`,
      '',
      '| | figure | arithmetic |',
      '| --- | --- | --- |',
      ...rows.map(([what, figure, how]) => `| ${what} | ${figure} | ${how} |`),
    );
  }
  return lines.join('\n');
}
