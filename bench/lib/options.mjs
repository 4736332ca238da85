/**
 * Command-line options of `npm run bench` and their defaults. The defaults are sized so the whole
 * suite takes about 10 minutes on a 2-core box; `--quick` scales every size and duration down for a
 * smoke run of a minute or two. Each figure can also be set on its own.
 */
import { parseArgs } from 'node:util';

export const SCENARIOS = ['fanout', 'memory', 'join', 'coalescing', 'presence'];
export const SYSTEMS = ['llms', 'socket.io', 'centrifugo'];

const HELP = `npm run bench [-- options]

  --only a,b            scenarios to run: ${SCENARIOS.join(', ')} (default: all)
  --systems a,b         systems: ${SYSTEMS.join(', ')} (default: all; --ref builds are added)
  --ref <git-ref>       also build and run that commit of LLMS as llms@<sha> (repeatable)
  --llms-env NAME:K=V   also run this build as llms[NAME] with K=V (,K2=V2) in its environment (repeatable)
  --quick               small sizes and short durations (a smoke run)
  --fanout 1000:50,100;5000:20   listeners:comment rates per second
  --warmup <s>          fan-out warm-up before each measured window
  --measure <s>         fan-out measured window
  --memory 1000,5000,10000       idle joined sockets at which heap is measured
  --join <n>            sockets in each JOIN_CLASS burst      --join-rounds <n>
  --coalescing <n>      students in the PARTICIPANT_COUNT bursts
  --presence <n>        users in the presence runs (classes of 50, then 2)   --presence-seconds <s>
  --per-worker <n>      listening connections per load worker (default 1250)
  --fresh-accounts      register the bench accounts again (they are cached in .data/bench/)
  --no-write            print only; do not write bench/results/
  --cpu-prof            LLMS and bare Socket.IO servers write V8 CPU profiles into .data/bench/profiles/
`;

const DEFAULTS = {
  fanout: '1000:50,100;5000:20',
  warmup: 3,
  measure: 10,
  memory: '1000,5000,10000',
  join: 1000,
  joinRounds: 7,
  coalescing: 200,
  presence: 1000,
  presenceSeconds: 60,
};

const QUICK = {
  fanout: '100:50,100;500:20',
  warmup: 2,
  measure: 3,
  memory: '200,1000',
  join: 200,
  joinRounds: 2,
  coalescing: 50,
  presence: 200,
  presenceSeconds: 10,
};

function list(value) {
  return String(value)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function positive(name, value, max) {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > max)
    throw new Error(`--${name}: expected 0 < n <= ${max}`);
  return n;
}

/** `1000:50,100;5000:20` -> [{listeners: 1000, rates: [50, 100]}, {listeners: 5000, rates: [20]}] */
export function parseFanout(value) {
  return String(value)
    .split(';')
    .filter(Boolean)
    .map((group) => {
      const [listeners, rates] = group.split(':');
      return {
        listeners: positive('fanout', listeners, 9000),
        rates: list(rates).map((r) => positive('fanout', r, 1000)),
      };
    });
}

export function parseOptions(argv = process.argv.slice(2)) {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string' },
      systems: { type: 'string' },
      ref: { type: 'string', multiple: true, default: [] },
      'llms-env': { type: 'string', multiple: true, default: [] },
      quick: { type: 'boolean', default: false },
      fanout: { type: 'string' },
      warmup: { type: 'string' },
      measure: { type: 'string' },
      memory: { type: 'string' },
      join: { type: 'string' },
      'join-rounds': { type: 'string' },
      coalescing: { type: 'string' },
      presence: { type: 'string' },
      'presence-seconds': { type: 'string' },
      'per-worker': { type: 'string', default: '1250' },
      'fresh-accounts': { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
      'cpu-prof': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const base = values.quick ? QUICK : DEFAULTS;
  const pick = (key, flag = key) => values[flag] ?? base[key];
  const only = values.only ? list(values.only) : SCENARIOS;
  const systems = values.systems ? list(values.systems) : SYSTEMS;
  for (const s of only) if (!SCENARIOS.includes(s)) throw new Error(`--only: unknown ${s}`);
  for (const s of systems) if (!SYSTEMS.includes(s)) throw new Error(`--systems: unknown ${s}`);
  return {
    quick: values.quick,
    only,
    systems,
    refs: values.ref,
    variants: values['llms-env'].map(parseVariant),
    fanout: parseFanout(pick('fanout')),
    warmupMs: positive('warmup', pick('warmup'), 120) * 1000,
    measureMs: positive('measure', pick('measure'), 600) * 1000,
    memory: list(pick('memory')).map((n) => positive('memory', n, 10_000)),
    join: positive('join', pick('join'), 9000),
    joinRounds: positive('join-rounds', pick('joinRounds', 'join-rounds'), 20),
    coalescing: positive('coalescing', pick('coalescing'), 5000),
    presence: positive('presence', pick('presence'), 9000),
    presenceMs:
      positive('presence-seconds', pick('presenceSeconds', 'presence-seconds'), 600) * 1000,
    perWorker: positive('per-worker', values['per-worker'], 10_000),
    freshAccounts: values['fresh-accounts'],
    write: !values['no-write'],
    cpuProf: values['cpu-prof'],
  };
}

/**
 * `--llms-env NAME:KEY=VALUE[,KEY=VALUE]`: this build once more, as `llms[NAME]`, with those
 * environment variables (a switch measured against the same build in the same run).
 */
function parseVariant(text) {
  const match = /^([\w.-]+):(.+)$/.exec(text);
  if (!match) throw new Error(`--llms-env: expected NAME:KEY=VALUE[,KEY=VALUE], got ${text}`);
  const env = {};
  for (const pair of match[2].split(',')) {
    const [key, ...value] = pair.split('=');
    if (!/^[A-Z_][A-Z0-9_]*$/.test(key) || value.length === 0)
      throw new Error(`--llms-env: ${pair} is not KEY=VALUE`);
    env[key] = value.join('=');
  }
  return { name: match[1], env };
}
