import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
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

function spawnServer(command: string, args: string[], env: NodeJS.ProcessEnv): Pick<ChildServer, 'child' | 'output' | 'stop'> {
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

async function waitFor(check: () => Promise<boolean>, what: string, output: () => string, timeoutMs = 30_000) {
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
  if (!existsSync(main)) throw new Error('dist/src/main.js is missing: run `npm run build` first (npm test does)');
  const port = Number(env.PORT ?? (await freePort()));
  const url = `http://127.0.0.1:${port}`;
  const server = spawnServer(process.execPath, [main], { ...process.env, PUBLIC_URL: url, ...env, PORT: String(port) });
  await waitFor(async () => (await fetch(`${url}/health/ready`)).status === 200, `app on ${url}`, server.output);
  return { ...server, url, port };
}

/** The bundled FerretDB binary (built by `npm run services` when there is no mongod). */
function ferretdbBinary(): string {
  const binary = join(ROOT, '.data/bin/ferretdb');
  if (!existsSync(binary)) {
    execFileSync(process.execPath, ['-e', "import('./tools/services.mjs').then((m) => m.buildFerretDB())"], {
      cwd: ROOT,
      stdio: 'inherit',
    });
  }
  return binary;
}

/** A MongoDB-wire server of this test's own, that the test may stop and start again. */
export async function startOwnFerretDB(dataDir = mkdtempSync(join(tmpdir(), 'llms-ferret-')), port?: number) {
  const listenPort = port ?? (await freePort());
  const server = spawnServer(ferretdbBinary(), ['-listen', `127.0.0.1:${listenPort}`, '-sqlite-dir', dataDir], process.env);
  await waitFor(
    () =>
      new Promise<boolean>((done) => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const socket = require('node:net').connect(listenPort, '127.0.0.1');
        socket.once('connect', () => {
          socket.destroy();
          done(true);
        });
        socket.once('error', () => done(false));
      }),
    'FerretDB',
    server.output,
  );
  return { ...server, port: listenPort, dataDir, uri: `mongodb://127.0.0.1:${listenPort}/llms_resilience` };
}
