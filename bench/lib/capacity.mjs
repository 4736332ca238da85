/**
 * The capacity model of docs/capacity.md: unit costs read from a bench result (the JSON that
 * `npm run bench` writes), workload assumptions stated once, and for each scenario the
 * instances, Redis shards and memory, Redis calls and CPU, MongoDB writes and network per
 * second. bench/lib/capacity-report.mjs puts each figure in words with its arithmetic, and
 * `npm run docs:numbers` writes that into the document.
 *
 * Measured (bench/lib/unit-costs.mjs): memory and CPU per socket, CPU per delivery, Redis CPU
 * per comment and per stay, the presence costs per user and per (instance, class) pair, Redis
 * memory per user and per class. Counted from the code: Redis calls per comment and per stay,
 * MongoDB writes, frame sizes (bench/lib/wire-frames.mjs). Assumed: the workload below.
 */
import { frameSizes } from './wire-frames.mjs';

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

const GiB = 1024 ** 3;
const ceil = Math.ceil;

/** Expected count of distinct instances among `n` sockets spread evenly at random over `N`. */
const distinctInstances = (n, N) => N * (1 - (1 - 1 / N) ** n);

/** What the users do per second, from the scenario and the workload. */
function traffic({ users, classSize }, a) {
  const classes = users / classSize;
  const perClass = classSize + 1; // every class's teacher is connected too
  const commentsPerSec = users / a.commentEverySeconds;
  const countChangesPerClass = (2 * classSize) / (a.stayMinutes * 60);
  const countFramesPerClass = Math.min(countChangesPerClass, 1000 / a.countIntervalMs);
  return {
    users,
    classes,
    perClass,
    sockets: users + classes,
    commentsPerSec,
    commentDeliveries: commentsPerSec * perClass,
    countChangesPerClass,
    countDeliveries: classes * countFramesPerClass * perClass,
    staysPerSec: users / (a.stayMinutes * 60),
    heartbeatsPerSec: (users + classes) / a.heartbeatSeconds,
    classTurnover: classes / (a.classMinutes * 60),
  };
}

/** App instances: CPU and memory, whichever needs more. */
function appFleet(units, t, a) {
  const eventUs = units.cpuPerSocketSecond.value * a.heartbeatSeconds; // one acked event
  const deliveries = t.commentDeliveries + t.countDeliveries;
  const cpuCores =
    (t.sockets * units.cpuPerSocketSecond.value +
      deliveries * units.cpuPerDelivery.value +
      t.commentsPerSec * eventUs +
      t.staysPerSec * units.cpuPerStay.value) /
    1e6;
  // What an instance can give its sockets: its planned share, less what it spends idle.
  const coresPerInstance = a.instanceCores * a.instanceCpuTarget - units.cpuPerInstance.value;
  const byCpu = ceil(cpuCores / coresPerInstance);
  const memoryPerInstance = a.instanceMemoryGiB * GiB * a.instanceMemoryTarget;
  const socketsByMemory = Math.floor(
    (memoryPerInstance - units.rssPerInstance.value) / units.rssPerSocket.value,
  );
  const byMemory = ceil(t.sockets / socketsByMemory);
  const instances = Math.max(byCpu, byMemory);
  const holders = distinctInstances(t.perClass, instances);
  return {
    eventUs,
    deliveries,
    cpuCores,
    coresPerInstance,
    byCpu,
    socketsByMemory,
    byMemory,
    instances,
    holders,
  };
}

/** Redis CPU, calls, memory and shards: presence, comments, stays. */
function redisPlan(units, t, fleet, frames, a) {
  const pairs = t.classes * fleet.holders;
  const presenceUs =
    (t.users * units.presencePerUser.value + pairs * units.presencePerPair.value) / 60;
  // Measured with 2 holding instances; each further holder is one more subscriber to write the
  // message to, priced as one more command.
  const extraHolders = Math.max(0, fleet.holders - 2);
  const commentUs =
    t.commentsPerSec * (units.redisPerComment.value + extraHolders * units.redisPerCall.value);
  const stayUs = t.staysPerSec * units.redisPerStay.value;
  const cores = (presenceUs + commentUs + stayUs) / 1e6;
  const commentsKept = Math.min(
    a.recentComments,
    (t.perClass - 1) * ((a.classMinutes * 60) / a.commentEverySeconds),
  );
  const recentBytes = commentsKept * frames.redisMessage;
  const bytes =
    t.users * units.redisBytesPerUser.value +
    t.classes * (units.redisBytesPerClass.value + recentBytes);
  const shardsByCpu = ceil(cores / a.redisCpuTarget);
  const shardsByMemory = ceil(bytes / (a.redisMemoryGiB * GiB * a.redisMemoryTarget));
  const presenceCalls =
    units.presenceCallsPerUser.value === null
      ? null
      : t.users * units.presenceCallsPerUser.value + pairs * units.presenceCallsPerPair.value;
  return {
    pairs,
    presenceUs,
    extraHolders,
    commentUs,
    stayUs,
    cores,
    recentBytes,
    bytes,
    shardsByCpu,
    shardsByMemory,
    shards: Math.max(shardsByCpu, shardsByMemory, 3),
    presenceCalls,
    commentCalls: t.commentsPerSec * 3, // rate-limit script, push-comment script, SPUBLISH
    stayCalls: t.staysPerSec * 4, // claim + admit on join; leave script + outbox drain on leave
  };
}

/** MongoDB: one attendance document per stay, comments in batches, class documents. */
function mongoPlan(t) {
  const batchesPerClass = Math.min(t.commentsPerSec / t.classes, 1 / 5); // flushed <= every 5 s
  const attendance = t.staysPerSec;
  const commentBatches = t.classes * batchesPerClass;
  const classes = t.classTurnover * 3; // create, start, end
  return { attendance, commentBatches, classes, writes: attendance + commentBatches + classes };
}

/** Bytes per second each way, every frame with its TCP/IP headers. */
function network(t, fleet, frames, a) {
  const wire = (bytes) => bytes + a.tcpOverheadBytes;
  const pings = t.sockets / a.pingSeconds;
  return {
    toClients:
      t.commentDeliveries * wire(frames.comment) +
      t.countDeliveries * wire(frames.count) +
      t.heartbeatsPerSec * wire(frames.heartbeatAck) +
      t.commentsPerSec * wire(frames.commentAck) +
      pings * wire(frames.ping),
    fromClients:
      t.heartbeatsPerSec * wire(frames.heartbeat) +
      t.commentsPerSec * wire(frames.commentIn) +
      pings * wire(frames.pong),
    redisToInstances: t.commentsPerSec * fleet.holders * frames.redisMessage,
  };
}

/** The plan of one scenario: every figure of the model, from the unit costs and the workload. */
export function plan(units, scenario, assumptions = ASSUMPTIONS) {
  const a = Object.fromEntries(Object.entries(assumptions).map(([k, v]) => [k, v.value]));
  const frames = frameSizes(a.commentChars);
  const t = traffic(scenario, a);
  const fleet = appFleet(units, t, a);
  const redis = redisPlan(units, t, fleet, frames, a);
  const mongo = mongoPlan(t);
  const net = network(t, fleet, frames, a);
  return { scenario, a, frames, traffic: t, fleet, redis, mongo, network: net };
}
