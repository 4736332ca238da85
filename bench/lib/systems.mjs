/**
 * The systems under test, each with the same surface so a scenario is written once:
 *
 *   system.start(ctx, {count, env, inspect})  resolves a deployment:
 *     {instances: [{name, url, pid}], driver, options, publishVia?, stop()}
 *   system.room(ctx, deployment, {teacher, capacity, title})  resolves {classId, joinCode}
 *
 *   llms          this worktree's build; `llms@<sha>` for each --ref build (same code path);
 *                 `llms[<name>]` for each --llms-env variant (this build, more environment)
 *   socket.io     bench/baseline/server.mjs: bare Socket.IO + Redis adapter (the yardstick)
 *   centrifugo    Centrifugo v6.9.1 nodes on the Redis engine (bench/centrifugo/)
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { ROOT, freePort, waitForHttp } from '../../tools/lib/index.js';
import { startCentrifugo } from '../centrifugo/centrifugo.mjs';
import { liveClass, llmsEnv, startLlms, stopInstances } from './llms.mjs';
import { spawnTracked, stopAll } from './proc.mjs';

const BASELINE = path.join(ROOT, 'bench', 'baseline', 'server.mjs');
/** Where --cpu-prof leaves the servers' profiles (one .cpuprofile per process). */
const PROFILES = path.join(ROOT, '.data', 'bench', 'profiles');
const profiling = (ctx) => (ctx.opts.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${PROFILES}`] : []);

export function llmsSystem(build, variant = null) {
  const name = variant ? `${build.system}[${variant.name}]` : build.system;
  return {
    name,
    kind: 'llms',
    build,
    async start(ctx, { count = 2, env = {}, inspect = false } = {}) {
      const instances = await startLlms(build, llmsEnv(ctx.run, { ...variant?.env, ...env }), {
        count,
        inspect,
        label: name,
        nodeArgs: profiling(ctx),
      });
      return {
        instances,
        driver: 'socketio',
        options: { auth: true },
        stop: () => stopInstances(instances),
      };
    },
    room: (ctx, deployment, { teacher, capacity, title }) =>
      liveClass(deployment.instances[0].url, teacher, { capacity, title }),
  };
}

export const baselineSystem = {
  name: 'socket.io',
  kind: 'baseline',
  async start(ctx, { count = 2, inspect = false } = {}) {
    const instances = await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const port = await freePort();
        const inspectPort = inspect ? await freePort() : null;
        const name = `socket.io#${i + 1}`;
        const args = [...profiling(ctx), BASELINE];
        if (inspect) args.unshift(`--inspect=127.0.0.1:${inspectPort}`);
        const handle = spawnTracked(name, process.execPath, args, {
          cwd: ROOT,
          env: { PATH: process.env.PATH, PORT: String(port), REDIS_URL: ctx.run.redisUrl },
        });
        return { name, url: `http://127.0.0.1:${port}`, pid: handle.pid, handle, inspectPort };
      }),
    );
    const stop = () => stopAll(instances.map((i) => i.handle));
    try {
      await Promise.all(
        instances.map((i) =>
          waitForHttp(`${i.url}/health`, {
            timeoutMs: 30_000,
            what: i.name,
            output: i.handle.output,
            alive: i.handle.alive,
          }),
        ),
      );
    } catch (error) {
      await stop();
      throw error;
    }
    return { instances, driver: 'socketio', options: { auth: false }, stop };
  },
  room: async () => ({ classId: randomBytes(12).toString('hex'), joinCode: null }),
};

export function centrifugoSystem(binary) {
  return {
    name: 'centrifugo',
    kind: 'centrifugo',
    async start(ctx, { count = 2 } = {}) {
      const cluster = await startCentrifugo(binary, {
        count,
        redisUrl: ctx.run.redisUrl,
        dir: path.join(ctx.workDir, 'centrifugo'),
      });
      return {
        instances: cluster.nodes,
        driver: 'centrifuge',
        options: {},
        publishVia: { urls: cluster.nodes.map((n) => n.url), apiKey: cluster.apiKey },
        stop: cluster.stop,
      };
    },
    room: async () => ({ classId: randomBytes(12).toString('hex'), joinCode: null }),
  };
}
