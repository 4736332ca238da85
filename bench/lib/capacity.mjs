/**
 * The capacity model of docs/capacity.md: unit costs read from a bench result (the JSON that
 * `npm run bench` writes), workload assumptions stated once, and for each scenario the
 * instances, Redis shards and memory, Redis calls and CPU, MongoDB writes and network per
 * second, each with its arithmetic. `npm run docs:numbers` writes the result into the document.
 *
 * Measured (from the JSON): memory and CPU per socket, CPU per delivery, Redis CPU per comment
 * and per stay, the presence costs per user and per (instance, class) pair, Redis memory per
 * user and per class. Counted from the code: Redis calls per comment and per stay, MongoDB
 * writes, frame sizes (encoded here from the contract's shapes). Assumed: the workload below.
 */

/** The workload and the sizing rules; every figure in the model follows from these and the bench. */
export const ASSUMPTIONS = {
  heartbeatSeconds: { value: 10, text: 'HEARTBEAT interval (PRESENCE_TTL_SECONDS 30 / 3)' },
  pingSeconds: { value: 25, text: 'engine.io ping interval (Socket.IO default)' },
  commentEverySeconds: {
    value: 300,
    text: 'each participant writes one comment per this many seconds (5 minutes)',
  },
  commentChars: { value: 100, text: 'characters in a comment' },
  stayMinutes: {
    value: 60,
    text: "a participant's average stay (joins/s = leaves/s = users / 3600)",
  },
  classMinutes: { value: 60, text: 'a class lasts this long (starts/s = ends/s = classes / 3600)' },
  countIntervalMs: { value: 250, text: 'PARTICIPANT_COUNT_INTERVAL_MS (count frames coalesced)' },
  instanceCores: { value: 1, text: 'vCPU per app instance (Node runs the JS on one thread)' },
  instanceCpuTarget: {
    value: 0.6,
    text: 'planned busy share of that vCPU (bursts, GC, a failed neighbour)',
  },
  instanceMemoryGiB: { value: 4, text: 'memory limit per app instance' },
  instanceMemoryTarget: { value: 0.7, text: 'planned share of it in use' },
  redisCpuTarget: {
    value: 0.5,
    text: 'planned busy share of a Redis shard (one thread runs commands)',
  },
  redisMemoryGiB: { value: 8, text: 'memory per Redis shard (primary; each has a replica)' },
  redisMemoryTarget: {
    value: 0.6,
    text: 'planned share of it in use (fork for replication, fragmentation)',
  },
  recentComments: { value: 50, text: 'recent comments kept per live class in Redis' },
  tcpOverheadBytes: {
    value: 66,
    text: 'Ethernet + IPv4 + TCP headers per frame (one frame a segment, worst case)',
  },
};

/** The three scenarios of issue 10. */
export const SCENARIOS = [
  { key: 'a', title: '1M users in 1M classes (one student each)', users: 1e6, classSize: 1 },
  { key: 'b', title: '1M users in 1,000 classes of 1,000', users: 1e6, classSize: 1000 },
  { key: 'c', title: '1M users in 100k classes of 10', users: 1e6, classSize: 10 },
];

const KB = 1024;
const GiB = 1024 ** 3;

/** The LLMS runs of a scenario in the bench JSON (this build only, no --ref or variant). */
const runsOf = (bench, scenario) =>
  bench[scenario]?.runs?.filter((r) => r.system === 'llms' && !r.error) ?? [];

const appCpu = (cpu) =>
  Object.entries(cpu.servers.byName)
    .filter(([name]) => name !== 'redis')
    .reduce((sum, [, seconds]) => sum + seconds, 0);

/**
 * The unit costs, each `{value, unit, from}`; throws when the JSON lacks a scenario the model
 * needs (run `npm run bench` in full).
 */
export function unitCosts(bench) {
  const need = (scenario) => {
    const runs = runsOf(bench, scenario);
    if (!runs.length) throw new Error(`bench JSON has no LLMS ${scenario} run`);
    return runs;
  };
  const memory = need('memory').reduce((a, b) => (b.sockets > a.sockets ? b : a));
  const fanout = need('fanout');
  const [presence] = need('presence').filter(
    (r) => r.classSize === bench.presence.config.classSize,
  );
  const split = bench.presence.unitCosts?.find((u) => u.system === 'llms');
  if (!split) throw new Error('bench JSON has no presence unit costs (classes of 50 and of 2)');
  const [join] = need('join');
  const fanoutConfig = bench.fanout.config;
  const fanoutSeconds = fanoutConfig.warmupSeconds + fanoutConfig.measureSeconds;
  const perDelivery = fanout.map((r) => ({
    case: `${r.listeners} x ${r.rate}/s`,
    us: (appCpu(r.cpu) * 1e6) / (r.offeredPerSec * fanoutSeconds),
    redisUsPerComment: (r.cpu.servers.byName.redis * 1e6) / (r.rate * fanoutSeconds),
  }));
  const worst = perDelivery.reduce((a, b) => (b.us > a.us ? b : a));
  const redisPerComment = perDelivery.reduce((a, b) =>
    b.redisUsPerComment > a.redisUsPerComment ? b : a,
  );
  const presenceSockets = presence.users;
  const stays = join.stack.rounds.length * join.sockets;
  return {
    heapPerSocket: {
      value: memory.heapPerSocketKB * KB,
      unit: 'bytes',
      from: `memory, ${memory.sockets} idle joined sockets: heapPerSocketKB ${memory.heapPerSocketKB}`,
    },
    rssPerSocket: {
      value: memory.rssPerSocketKB * KB,
      unit: 'bytes',
      from: `memory, ${memory.sockets} sockets: rssPerSocketKB ${memory.rssPerSocketKB}`,
    },
    rssPerInstance: {
      value: memory.zero.rssBytes,
      unit: 'bytes',
      from: 'memory: RSS of an instance with no sockets (zero.rssBytes)',
    },
    cpuPerSocketSecond: {
      value: (appCpu(presence.cpu) * 1e6) / (presenceSockets * presence.cpu.wallSeconds),
      unit: 'µs of app CPU per connected socket per second (heartbeating)',
      from: `presence, ${presence.users} users: app CPU ${appCpu(presence.cpu).toFixed(2)} s / (${presence.users} sockets x ${presence.cpu.wallSeconds} s)`,
    },
    cpuPerDelivery: {
      value: worst.us,
      unit: 'µs of app CPU per message delivered to a socket',
      from: `fanout, the costliest case (${worst.case}): app CPU / (offered deliveries/s x ${fanoutSeconds} s of warm-up and window); cases: ${perDelivery.map((d) => `${d.case} ${d.us.toFixed(1)}`).join(', ')}`,
    },
    redisPerComment: {
      value: redisPerComment.redisUsPerComment,
      unit: 'µs of Redis CPU per comment (rate limit, store, publish to 2 instances)',
      from: `fanout, the costliest case (${redisPerComment.case}): Redis CPU / comments offered in ${fanoutSeconds} s`,
    },
    cpuPerStay: {
      value: ((join.cpu.servers.total - join.cpu.servers.byName.redis) * 1e6) / stays,
      unit: 'µs of app CPU per stay (JOIN_CLASS + LEAVE_CLASS)',
      from: `join: app CPU over ${join.stack.rounds.length} rounds of ${join.sockets} joins and leaves`,
    },
    redisPerStay: {
      value: (join.cpu.servers.byName.redis * 1e6) / stays,
      unit: 'µs of Redis CPU per stay',
      from: `join: Redis CPU over the same ${stays} joins and leaves`,
    },
    presencePerUser: {
      value: split.usPerUserMinute,
      unit: 'µs of Redis CPU per user-minute (claims)',
      from: `presence unitCosts (classes of ${split.from.map((f) => f.classSize).join(' and ')})`,
    },
    presencePerPair: {
      value: split.usPerPairMinute,
      unit: 'µs of Redis CPU per (instance, class) pair-minute (leases, sweeps)',
      from: 'presence unitCosts',
    },
    presenceCallsPerUser: {
      value: split.callsPerUserSecond ?? null,
      unit: 'Redis commands per user-second',
      from: 'presence unitCosts',
    },
    presenceCallsPerPair: {
      value: split.callsPerPairSecond ?? null,
      unit: 'Redis commands per pair-second',
      from: 'presence unitCosts',
    },
    redisBytesPerUser: {
      value: split.redisBytesPerUser,
      unit: 'bytes of Redis memory per present user',
      from: 'presence unitCosts (used_memory, steady minus idle)',
    },
    redisBytesPerClass: {
      value: split.redisBytesPerClass,
      unit: 'bytes of Redis memory per live class (no comments)',
      from: 'presence unitCosts',
    },
  };
}

/** Bytes of a Socket.IO event frame on a WebSocket, server to client (unmasked). */
function eventFrameBytes(event, payload, ackId = '') {
  const text = `42${ackId}${JSON.stringify([event, payload])}`;
  const length = Buffer.byteLength(text);
  return length + (length < 126 ? 2 : 4);
}

/** The frames of the model, encoded from the contract's shapes with representative values. */
export function frameSizes(assumptions = ASSUMPTIONS) {
  const id = 'a'.repeat(24);
  const comment = {
    id: '3f0c9a8e-2b7d-4a51-9d3e-8c1f2a6b7e90',
    classId: id,
    author: { id, name: 'Grace Hopper', role: 'STUDENT' },
    text: 'x'.repeat(assumptions.commentChars.value),
    sentAt: '2026-03-02T10:04:05.120Z',
  };
  const ack = (data) => {
    const length = Buffer.byteLength(`431${JSON.stringify([{ success: true, data }])}`);
    return length + 2;
  };
  return {
    comment: eventFrameBytes('COMMENT', comment),
    count: eventFrameBytes('PARTICIPANT_COUNT', { classId: id, count: 1000 }),
    // Client frames are masked: 4 more bytes.
    heartbeat: eventFrameBytes('HEARTBEAT', {}, '1') + 4,
    heartbeatAck: ack({ ttlSeconds: 30 }),
    commentIn: eventFrameBytes('COMMENT', { classId: id, text: comment.text }, '1') + 4,
    commentAck: ack({ comment }),
    ping: 3,
    pong: 7,
    /** A comment as the adapter publishes it to Redis (the packet plus routing, about). */
    redisMessage: Buffer.byteLength(JSON.stringify(comment)) + 120,
  };
}

/** Expected count of distinct instances among `n` sockets spread evenly at random over `N`. */
const distinctInstances = (n, N) => N * (1 - (1 - 1 / N) ** n);

const ceil = Math.ceil;

/** The plan of one scenario: figures and the arithmetic behind each. */
export function plan(units, scenario, assumptions = ASSUMPTIONS) {
  const a = Object.fromEntries(Object.entries(assumptions).map(([k, v]) => [k, v.value]));
  const frames = frameSizes(assumptions);
  const { users, classSize } = scenario;
  const classes = users / classSize;
  const sockets = users + classes; // every class's teacher is connected too
  const perClass = classSize + 1;

  // Traffic.
  const commentsPerSec = users / a.commentEverySeconds;
  const commentDeliveries = commentsPerSec * perClass;
  const staysPerSec = users / (a.stayMinutes * 60);
  const countChangesPerClass = (2 * classSize) / (a.stayMinutes * 60);
  const countFramesPerClass = Math.min(countChangesPerClass, 1000 / a.countIntervalMs);
  const countDeliveries = classes * countFramesPerClass * perClass;
  const heartbeatsPerSec = sockets / a.heartbeatSeconds;
  const classTurnover = classes / (a.classMinutes * 60);

  // App instances: CPU and memory, whichever needs more.
  const eventUs = units.cpuPerSocketSecond.value * a.heartbeatSeconds; // one acked event
  const cpuCores =
    (sockets * units.cpuPerSocketSecond.value +
      (commentDeliveries + countDeliveries) * units.cpuPerDelivery.value +
      commentsPerSec * eventUs +
      staysPerSec * units.cpuPerStay.value) /
    1e6;
  const byCpu = ceil(cpuCores / (a.instanceCores * a.instanceCpuTarget));
  const memoryPerInstance = a.instanceMemoryGiB * GiB * a.instanceMemoryTarget;
  const socketsPerInstanceByMemory = Math.floor(
    (memoryPerInstance - units.rssPerInstance.value) / units.rssPerSocket.value,
  );
  const byMemory = ceil(sockets / socketsPerInstanceByMemory);
  const instances = Math.max(byCpu, byMemory);

  // Redis: presence, comments, stays.
  const holders = distinctInstances(perClass, instances);
  const pairs = classes * holders;
  const presenceUs =
    (users * units.presencePerUser.value + pairs * units.presencePerPair.value) / 60;
  // Measured with 2 holding instances; each more holder is one more subscriber to deliver to.
  const commentUs = commentsPerSec * units.redisPerComment.value * Math.max(1, holders / 2);
  const stayUs = staysPerSec * units.redisPerStay.value;
  const redisCores = (presenceUs + commentUs + stayUs) / 1e6;
  const recentBytes =
    Math.min(a.recentComments, (classSize * a.classMinutes * 60) / a.commentEverySeconds) *
    frames.redisMessage;
  const redisBytes =
    users * units.redisBytesPerUser.value +
    classes * (units.redisBytesPerClass.value + recentBytes);
  const shardsByCpu = ceil(redisCores / a.redisCpuTarget);
  const shardsByMemory = ceil(redisBytes / (a.redisMemoryGiB * GiB * a.redisMemoryTarget));
  const shards = Math.max(shardsByCpu, shardsByMemory, 3);
  const presenceCalls =
    units.presenceCallsPerUser.value === null
      ? null
      : users * units.presenceCallsPerUser.value + pairs * units.presenceCallsPerPair.value;
  const commentCalls = commentsPerSec * 3; // rate-limit script, push-comment script, SPUBLISH
  const stayCalls = staysPerSec * 4; // claim + admit on join; leave script + outbox drain on leave

  // MongoDB: one attendance document per stay, comments in batches, class documents.
  const transcriptBatchesPerClass = Math.min(commentsPerSec / classes, 1 / 5); // flush <= 5 s
  const mongo = {
    attendance: staysPerSec,
    comments: commentsPerSec,
    commentBatches: classes * transcriptBatchesPerClass,
    classes: classTurnover * 3, // create, start, end
  };
  const mongoWrites = mongo.attendance + mongo.commentBatches + mongo.classes;

  // Network, with per-frame TCP/IP overhead.
  const wire = (bytes) => bytes + a.tcpOverheadBytes;
  const toClients =
    commentDeliveries * wire(frames.comment) +
    countDeliveries * wire(frames.count) +
    heartbeatsPerSec * wire(frames.heartbeatAck) +
    commentsPerSec * wire(frames.commentAck) +
    (sockets / a.pingSeconds) * wire(frames.ping);
  const fromClients =
    heartbeatsPerSec * wire(frames.heartbeat) +
    commentsPerSec * wire(frames.commentIn) +
    (sockets / a.pingSeconds) * wire(frames.pong);
  const redisToInstances = commentsPerSec * holders * frames.redisMessage;

  const n = (x, digits = 0) => Number(x).toLocaleString('en-US', { maximumFractionDigits: digits });
  const bytes = (x) =>
    x >= GiB
      ? `${n(x / GiB, 1)} GiB`
      : x >= 1024 ** 2
        ? `${n(x / 1024 ** 2, 1)} MiB`
        : `${n(x / KB, 1)} KiB`;
  const rate = (x) => `${n((x * 8) / 1e9, 2)} Gbit/s (${bytes(x)}/s)`;
  return {
    scenario,
    figures: {
      sockets,
      classes,
      instances,
      shards,
      redisCores,
      redisBytes,
      mongoWrites,
      toClients,
      fromClients,
      redisToInstances,
    },
    rows: [
      ['Sockets', n(sockets), `${n(users)} users + ${n(classes)} teachers (one per class)`],
      [
        'Deliveries/s',
        n(commentDeliveries + countDeliveries),
        `comments ${n(commentsPerSec)}/s (${n(users)} / ${a.commentEverySeconds} s) x ${n(perClass)} sockets = ${n(commentDeliveries)}; ` +
          `counts: ${n(classes)} classes x min(${n(countChangesPerClass, 3)} changes/s, ${n(1000 / a.countIntervalMs)}/s) x ${n(perClass)} = ${n(countDeliveries)}`,
      ],
      [
        'App CPU',
        `${n(cpuCores, 1)} cores`,
        `(${n(sockets)} x ${n(units.cpuPerSocketSecond.value, 2)} µs + ${n(commentDeliveries + countDeliveries)} x ${n(units.cpuPerDelivery.value, 2)} µs + ` +
          `${n(commentsPerSec)} comments x ${n(eventUs)} µs + ${n(staysPerSec)} stays x ${n(units.cpuPerStay.value)} µs) per second`,
      ],
      [
        'App instances',
        n(instances),
        `max(CPU: ${n(cpuCores, 1)} / (${a.instanceCores} x ${a.instanceCpuTarget}) = ${n(byCpu)}, ` +
          `memory: ${n(sockets)} / ${n(socketsPerInstanceByMemory)} sockets each = ${n(byMemory)}); ` +
          `${n(sockets / instances)} sockets each`,
      ],
      [
        'Instances per class',
        n(holders, 1),
        `${n(perClass)} sockets at random over ${n(instances)} instances: N(1 - (1 - 1/N)^k)`,
      ],
      [
        'Redis CPU',
        `${n(redisCores, 2)} cores`,
        `presence (${n(users)} x ${units.presencePerUser.value} + ${n(pairs)} pairs x ${units.presencePerPair.value}) / 60 = ${n(presenceUs)} µs/s; ` +
          `comments ${n(commentsPerSec)} x ${n(units.redisPerComment.value)} µs x ${n(Math.max(1, holders / 2), 1)} = ${n(commentUs)} µs/s; ` +
          `stays ${n(staysPerSec)} x ${n(units.redisPerStay.value)} µs = ${n(stayUs)} µs/s`,
      ],
      [
        'Redis calls/s',
        presenceCalls === null ? 'n/a' : n(presenceCalls + commentCalls + stayCalls),
        `${presenceCalls === null ? 'presence not measured' : `presence ${n(users)} x ${units.presenceCallsPerUser.value} + ${n(pairs)} x ${units.presenceCallsPerPair.value} = ${n(presenceCalls)}`}; ` +
          `comments ${n(commentsPerSec)} x 3 = ${n(commentCalls)}; stays ${n(staysPerSec)} x 4 = ${n(stayCalls)}`,
      ],
      [
        'Redis memory',
        bytes(redisBytes),
        `${n(users)} x ${n(units.redisBytesPerUser.value)} B + ${n(classes)} x (${n(units.redisBytesPerClass.value)} B + ${n(recentBytes / KB, 1)} KiB recent comments)`,
      ],
      [
        'Redis shards',
        n(shards),
        `max(CPU ${n(redisCores, 2)} / ${a.redisCpuTarget} = ${shardsByCpu}, memory ${bytes(redisBytes)} / (${a.redisMemoryGiB} GiB x ${a.redisMemoryTarget}) = ${shardsByMemory}, 3 for a cluster), each with a replica`,
      ],
      [
        'MongoDB writes/s',
        n(mongoWrites),
        `attendance ${n(mongo.attendance)} (one per stay) + comment batches ${n(mongo.commentBatches)} (${n(mongo.comments)} comments, insertMany per class at most every 5 s) + classes ${n(mongo.classes, 1)} (create, start, end)`,
      ],
      [
        'Network, to clients',
        rate(toClients),
        `${n(commentDeliveries)} x ${frames.comment} B + ${n(countDeliveries)} x ${frames.count} B + ${n(heartbeatsPerSec)} acks x ${frames.heartbeatAck} B + pings, each + ${a.tcpOverheadBytes} B`,
      ],
      [
        'Network, from clients',
        rate(fromClients),
        `${n(heartbeatsPerSec)} x ${frames.heartbeat} B + ${n(commentsPerSec)} x ${frames.commentIn} B + pongs, each + ${a.tcpOverheadBytes} B`,
      ],
      [
        'Network, Redis to instances',
        rate(redisToInstances),
        `${n(commentsPerSec)} comments x ${n(holders, 1)} instances x ~${frames.redisMessage} B`,
      ],
    ],
  };
}

/** The generated part of docs/capacity.md. */
export function capacityMarkdown(bench, assumptions = ASSUMPTIONS) {
  const units = unitCosts(bench);
  const lines = [
    `Generated by \`npm run docs:numbers\` from \`bench/results/latest.json\` (${bench.meta?.startedAt?.slice(0, 10) ?? 'latest run'}, git ${bench.meta?.git?.sha?.slice(0, 12) ?? '?'}); the code is \`bench/lib/capacity.mjs\`.`,
    '',
    '### Unit costs (measured)',
    '',
    '| unit | value | from the bench JSON |',
    '| --- | --- | --- |',
    ...Object.values(units).map(
      (u) =>
        `| ${u.unit} | ${u.value === null ? 'n/a' : Number(u.value).toLocaleString('en-US', { maximumFractionDigits: 2 })} | ${u.from} |`,
    ),
    '',
    '### Assumptions',
    '',
    '| assumption | value |',
    '| --- | --- |',
    ...Object.values(assumptions).map((v) => `| ${v.text} | ${v.value} |`),
  ];
  for (const scenario of SCENARIOS) {
    const { rows } = plan(units, scenario, assumptions);
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
