import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildFerretDB,
  findMongod,
  freePort,
  ROOT,
  tcpAnswers,
  waitFor,
  waitForHttp,
} from '../../tools/lib';
import { instanceEnvs } from './test-app';

/**
 * Servers a test runs as child processes of its own: the built app (`spawnApp`) and a
 * MongoDB-wire server it may stop and start again (`startOwnMongo`). Ports, waiting and finding
 * the binaries come from tools/lib.
 */
export interface ChildServer {
  url: string;
  port: number;
  /** What the server was started with, on top of this process's environment. */
  env: Record<string, string>;
  child: ChildProcess;
  /** Recent output, for failure messages. */
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;

function spawnServer(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Pick<ChildServer, 'child' | 'output' | 'stop'> {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    child,
    output: () => output,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** True while the child has not exited (so a wait stops early when it crashes). */
const running = (child: ChildProcess) => () => child.exitCode === null && child.signalCode === null;

/** Runs the built app (`node dist/src/main.js`, as in production) on a free port. */
export async function spawnApp(env: Record<string, string>): Promise<ChildServer> {
  const main = join(ROOT, 'dist/src/main.js');
  if (!existsSync(main))
    throw new Error('dist/src/main.js is missing: run `npm run build` first (npm test does)');
  const port = Number(env.PORT ?? (await freePort()));
  const url = `http://127.0.0.1:${port}`;
  const ownEnv = { PUBLIC_URL: url, ...env, PORT: String(port) };
  const server = spawnServer(process.execPath, [main], { ...process.env, ...ownEnv });
  await waitForHttp(`${url}/health/ready`, {
    what: `app on ${url}`,
    timeoutMs: START_TIMEOUT_MS,
    output: server.output,
    alive: running(server.child),
  });
  return { ...server, url, port, env: ownEnv };
}

/** `count` built apps as child processes (see instanceEnvs), started one after the other. */
export async function spawnInstances(
  count: number,
  overrides: Record<string, string> = {},
): Promise<ChildServer[]> {
  const apps: ChildServer[] = [];
  for (const env of await instanceEnvs(count, overrides)) apps.push(await spawnApp(env));
  return apps;
}

/**
 * A MongoDB-wire server of this test's own, that the test may stop and start again on the same
 * data: `mongod` when installed, else the bundled FerretDB (built by tools/lib when missing).
 */
export async function startOwnMongo(
  dataDir = mkdtempSync(join(tmpdir(), 'llms-mongo-')),
  port?: number,
) {
  const listenPort = port ?? (await freePort());
  const mongod = findMongod();
  const server = mongod
    ? spawnServer(
        mongod,
        ['--dbpath', dataDir, '--port', String(listenPort), '--bind_ip', '127.0.0.1'],
        process.env,
      )
    : spawnServer(
        await buildFerretDB(),
        ['-listen', `127.0.0.1:${listenPort}`, '-sqlite-dir', dataDir],
        process.env,
      );
  await waitFor(() => tcpAnswers(listenPort), {
    what: mongod ? 'mongod' : 'FerretDB',
    timeoutMs: START_TIMEOUT_MS,
    output: server.output,
    alive: running(server.child),
  });
  return {
    ...server,
    port: listenPort,
    dataDir,
    uri: `mongodb://127.0.0.1:${listenPort}/llms_resilience`,
  };
}
