import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './test-app';
import { sleep } from './live';

const ROOT = resolve(__dirname, '../..');

export interface ChildServer {
  url: string;
  port: number;
  child: ChildProcess;
  /** Recent output, for failure messages. */
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

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

async function waitFor(
  check: () => Promise<boolean>,
  what: string,
  output: () => string,
  timeoutMs = 30_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`${what} did not come up in ${timeoutMs} ms:\n${output()}`);
}

/** Runs the built app (`node dist/src/main.js`, as in production) on a free port. */
export async function spawnApp(env: Record<string, string>): Promise<ChildServer> {
  const main = join(ROOT, 'dist/src/main.js');
  if (!existsSync(main))
    throw new Error('dist/src/main.js is missing: run `npm run build` first (npm test does)');
  const port = Number(env.PORT ?? (await freePort()));
  const url = `http://127.0.0.1:${port}`;
  const server = spawnServer(process.execPath, [main], {
    ...process.env,
    PUBLIC_URL: url,
    ...env,
    PORT: String(port),
  });
  await waitFor(
    async () => (await fetch(`${url}/health/ready`)).status === 200,
    `app on ${url}`,
    server.output,
  );
  return { ...server, url, port };
}

/** `mongod` when it is on PATH (a real MongoDB), else null. */
function mongodOnPath(): string | null {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'mongod'))) return join(dir, 'mongod');
  }
  return null;
}

/** The bundled FerretDB binary (built by `npm run services` when there is no mongod). */
function ferretdbBinary(): string {
  const binary = join(ROOT, '.data/bin/ferretdb');
  if (!existsSync(binary)) {
    execFileSync(
      process.execPath,
      ['-e', "import('./tools/services.mjs').then((m) => m.buildFerretDB())"],
      {
        cwd: ROOT,
        stdio: 'inherit',
      },
    );
  }
  return binary;
}

/**
 * A MongoDB-wire server of this test's own, that the test may stop and start again on the same
 * data: `mongod` when installed, else the bundled FerretDB.
 */
export async function startOwnMongo(
  dataDir = mkdtempSync(join(tmpdir(), 'llms-mongo-')),
  port?: number,
) {
  const listenPort = port ?? (await freePort());
  const mongod = mongodOnPath();
  const server = mongod
    ? spawnServer(
        mongod,
        ['--dbpath', dataDir, '--port', String(listenPort), '--bind_ip', '127.0.0.1'],
        process.env,
      )
    : spawnServer(
        ferretdbBinary(),
        ['-listen', `127.0.0.1:${listenPort}`, '-sqlite-dir', dataDir],
        process.env,
      );
  await waitFor(
    () =>
      new Promise<boolean>((done) => {
        const socket = connect(listenPort, '127.0.0.1');
        socket.once('connect', () => {
          socket.destroy();
          done(true);
        });
        socket.once('error', () => done(false));
      }),
    mongod ? 'mongod' : 'FerretDB',
    server.output,
  );
  return {
    ...server,
    port: listenPort,
    dataDir,
    uri: `mongodb://127.0.0.1:${listenPort}/llms_resilience`,
  };
}
