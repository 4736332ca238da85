/**
 * The unit costs of the capacity model (bench/lib/capacity.mjs), read from a bench result: each
 * `{name, value, unit, from}`, where `from` says which runs and fields of the JSON gave it.
 */

const KB = 1024;

/** The LLMS runs of a scenario in the bench JSON (this build only, no --ref or variant). */
const runsOf = (bench, scenario) =>
  bench[scenario]?.runs?.filter((r) => r.system === 'llms' && !r.error) ?? [];

const appCpu = (cpu) =>
  Object.entries(cpu.servers.byName)
    .filter(([name]) => name !== 'redis')
    .reduce((sum, [, seconds]) => sum + seconds, 0);

/**
 * The unit costs, each `{name, value, unit, from}`; throws when the JSON lacks a scenario the model
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
  // What Redis and 2 idle instances cost per second with nobody connected (presence's idle window).
  const idleRedis = presence.idle.cpuSeconds / presence.idle.seconds;
  const idleApp = presence.idle.cpu ? appCpu(presence.idle.cpu) / presence.idle.cpu.wallSeconds : 0;
  const busyRedis = (cpu) => Math.max(0, cpu.servers.byName.redis - idleRedis * cpu.wallSeconds);
  const busyApp = (cpu) => Math.max(0, appCpu(cpu) - idleApp * cpu.wallSeconds);
  const perDelivery = fanout.map((r) => ({
    case: `${r.listeners} x ${r.rate}/s`,
    us: (busyApp(r.cpu) * 1e6) / (r.offeredPerSec * fanoutSeconds),
    redisUsPerComment: (busyRedis(r.cpu) * 1e6) / (r.rate * fanoutSeconds),
  }));
  const worst = perDelivery.reduce((a, b) => (b.us > a.us ? b : a));
  const redisPerComment = perDelivery.reduce((a, b) =>
    b.redisUsPerComment > a.redisUsPerComment ? b : a,
  );
  const stays = join.stack.rounds.length * join.sockets;
  return {
    heapPerSocket: {
      name: 'heap per idle joined socket',
      value: memory.heapPerSocketKB * KB,
      unit: 'bytes',
      from: `memory, ${memory.sockets} idle joined sockets: heapPerSocketKB ${memory.heapPerSocketKB}`,
    },
    rssPerSocket: {
      name: 'RSS per idle joined socket',
      value: memory.rssPerSocketKB * KB,
      unit: 'bytes',
      from: `memory, ${memory.sockets} sockets: rssPerSocketKB ${memory.rssPerSocketKB}`,
    },
    rssPerInstance: {
      name: 'RSS of an instance before its sockets',
      value: memory.zero.rssBytes,
      unit: 'bytes',
      from: 'memory: RSS of an instance with no sockets (zero.rssBytes)',
    },
    cpuPerInstance: {
      name: 'app CPU of an idle instance',
      value: idleApp / 2,
      unit: 'cores (timers, sweeper, metrics; no sockets)',
      from: presence.idle.cpu
        ? `presence idle window: app CPU of 2 instances / ${presence.idle.cpu.wallSeconds} s / 2`
        : 'not measured by this bench JSON (counted as 0)',
    },
    cpuPerSocketSecond: {
      value: (busyApp(presence.cpu) * 1e6) / (presence.users * presence.cpu.wallSeconds),
      name: 'app CPU per connected socket',
      unit: 'µs per socket-second (HEARTBEAT every 10 s, pings)',
      from: `presence, ${presence.users} users: (app CPU ${appCpu(presence.cpu).toFixed(2)} s - the idle instances') / (${presence.users} sockets x ${presence.cpu.wallSeconds} s)`,
    },
    redisPerCall: {
      name: 'Redis CPU per command',
      value: split.usPerCall,
      unit: 'µs (what one more subscriber of a class channel costs a comment, about)',
      from: `presence unitCosts, ${split.usPerCallFrom}`,
    },
    cpuPerDelivery: {
      value: worst.us,
      name: 'app CPU per delivery',
      unit: 'µs per message delivered to a socket',
      from: `fanout, the costliest case (${worst.case}): (app CPU - the idle instances') / (offered deliveries/s x ${fanoutSeconds} s of warm-up and window); cases: ${perDelivery.map((d) => `${d.case} ${d.us.toFixed(1)}`).join(', ')}`,
    },
    redisPerComment: {
      value: redisPerComment.redisUsPerComment,
      name: 'Redis CPU per comment',
      unit: 'µs (rate limit, store, publish to the 2 holding instances)',
      from: `fanout, the costliest case (${redisPerComment.case}): (Redis CPU - its idle share) / comments offered in ${fanoutSeconds} s`,
    },
    cpuPerStay: {
      value: (busyApp(join.cpu) * 1e6) / stays,
      name: 'app CPU per stay',
      unit: 'µs (JOIN_CLASS and LEAVE_CLASS, through the stack)',
      from: `join: (app CPU - the idle instances') over ${join.stack.rounds.length} rounds of ${join.sockets} joins and leaves`,
    },
    redisPerStay: {
      value: (busyRedis(join.cpu) * 1e6) / stays,
      name: 'Redis CPU per stay',
      unit: 'µs (a join and a leave)',
      from: `join: (Redis CPU - its idle share) over the same ${stays} joins and leaves`,
    },
    presencePerUser: {
      value: split.usPerUserMinute,
      name: 'Redis CPU of presence, per user',
      unit: 'µs per user-minute (claims)',
      from: `presence unitCosts (classes of ${split.from.map((f) => f.classSize).join(' and ')}): commands per user-second x 60 x Redis CPU per command`,
    },
    presencePerPair: {
      value: split.usPerPairMinute,
      name: 'Redis CPU of presence, per pair',
      unit: 'µs per (instance, class) pair-minute (leases, sweeps)',
      from: 'presence unitCosts: commands per pair-second x 60 x Redis CPU per command',
    },
    presenceCallsPerUser: {
      value: split.callsPerUserSecond ?? null,
      name: 'Redis commands of presence, per user',
      unit: 'commands per user-second',
      from: 'presence unitCosts',
    },
    presenceCallsPerPair: {
      value: split.callsPerPairSecond ?? null,
      name: 'Redis commands of presence, per pair',
      unit: 'commands per pair-second',
      from: 'presence unitCosts',
    },
    redisBytesPerUser: {
      value: split.redisBytesPerUser,
      name: 'Redis memory per present user',
      unit: 'bytes',
      from: 'presence unitCosts (used_memory, steady minus idle)',
    },
    redisBytesPerClass: {
      value: split.redisBytesPerClass,
      name: 'Redis memory per live class',
      unit: 'bytes (no comments yet)',
      from: 'presence unitCosts',
    },
  };
}
