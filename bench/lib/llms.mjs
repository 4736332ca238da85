/**
 * LLMS under test: which build runs (this worktree's dist/, or a `--ref` build from refs.mjs),
 * its instances (the built `dist/src/main.js`, each with its own port, PUBLIC_URL and the run's
 * environment, optionally with the inspector on) and the REST calls the bench makes as a signed-in
 * user (cookies and CSRF header, as a browser sends them).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, freePort, waitFor, waitForHttp } from '../../tools/lib/index.js';
import { log, spawnTracked, stopAll } from './proc.mjs';

const mainOf = (root) => path.join(root, 'dist', 'src', 'main.js');

/** Every .ts / .lua file under `dir`. */
function sourcesUnder(dir, found = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sourcesUnder(full, found);
    else if (/\.(ts|lua)$/.test(entry.name) && !entry.name.endsWith('.spec.ts')) found.push(full);
  }
  return found;
}

function gitSha(cwd, ref = 'HEAD') {
  const out = spawnSync('git', ['rev-parse', ref], { cwd, encoding: 'utf8' });
  return out.status === 0 ? out.stdout.trim() : null;
}

/**
 * The build of this worktree: dist/ as `npm run build` left it. When a source is newer than
 * dist/src/main.js (or there is none), the server is compiled first (`nest build`, the server
 * half of `npm run build`), so the bench never measures stale code.
 */
export function currentBuild() {
  const main = mainOf(ROOT);
  const built = fs.existsSync(main) ? fs.statSync(main).mtimeMs : 0;
  const stale = ['src', 'libs']
    .flatMap((dir) => sourcesUnder(path.join(ROOT, dir)))
    .some((file) => fs.statSync(file).mtimeMs > built);
  if (stale) {
    log('dist/ is older than the sources: compiling the server (nest build) ...');
    const nest = path.join(ROOT, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js');
    const result = spawnSync(process.execPath, [nest, 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0 || !fs.existsSync(main)) throw new Error('nest build failed');
  }
  const sha = gitSha(ROOT);
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'src', 'libs'], {
    cwd: ROOT,
    encoding: 'utf8',
  }).stdout.trim();
  return { system: 'llms', kind: 'llms', root: ROOT, main, sha, dirty: Boolean(dirty) };
}

/** Loads a module of a build's dist/ (e.g. the contract) by its path under dist/. */
export function distPath(build, ...parts) {
  return path.join(build.root, 'dist', ...parts);
}

/**
 * The environment every LLMS instance of the run gets. `run` carries the shared MongoDB URI,
 * Redis URL and secrets; `extra` the scenario's settings. Rate limits on comments and auth are
 * lifted (the bench offers load on purpose); presence lives long enough that idle listeners are
 * not swept during a scenario unless the scenario heartbeats (presence.mjs sets its own TTL).
 */
export function llmsEnv(run, extra = {}) {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    COOKIE_SECURE: 'false',
    JWT_ACCESS_SECRET: run.secrets.jwt,
    CSRF_SECRET: run.secrets.csrf,
    ACCESS_TOKEN_TTL_SECONDS: String(run.accessTokenTtlSeconds),
    MONGODB_URI: run.mongodbUri,
    REDIS_URL: run.redisUrl,
    COMMENT_RATE_LIMIT_PER_MINUTE: '1000000',
    AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
    PRESENCE_TTL_SECONDS: '3600',
    TEACHER_GRACE_SECONDS: '3600',
    ...extra,
  };
}

/**
 * Starts `count` instances of `build` at once and waits until each answers /health/ready.
 * `inspect: true` starts each with `--inspect=127.0.0.1:<free port>` (see cdp.mjs). Resolves
 * `[{name, url, port, pid, handle, inspectPort}]`.
 */
export async function startLlms(
  build,
  env,
  { count = 2, inspect = false, label = build.system, nodeArgs = [] },
) {
  const instances = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const port = await freePort();
      const inspectPort = inspect ? await freePort() : null;
      const url = `http://127.0.0.1:${port}`;
      const name = `${label}#${i + 1}`;
      const args = [...nodeArgs, build.main];
      if (inspect) args.unshift(`--inspect=127.0.0.1:${inspectPort}`);
      const handle = spawnTracked(name, process.execPath, args, {
        cwd: build.root,
        env: { ...env, PORT: String(port), PUBLIC_URL: url },
      });
      return { name, url, port, pid: handle.pid, handle, inspectPort };
    }),
  );
  try {
    await Promise.all(
      instances.map((instance) =>
        waitForHttp(`${instance.url}/health/ready`, {
          timeoutMs: 60_000,
          intervalMs: 200,
          what: instance.name,
          output: instance.handle.output,
          alive: instance.handle.alive,
        }),
      ),
    );
  } catch (error) {
    await stopAll(instances.map((i) => i.handle));
    throw error;
  }
  return instances;
}

export function stopInstances(instances) {
  return stopAll(instances.map((instance) => instance.handle));
}

/** Waits until every instance answers /health/ready again (e.g. after a burst). */
export function waitReady(instances) {
  return Promise.all(
    instances.map((i) => waitFor(() => fetch(`${i.url}/health/ready`).then((r) => r.ok))),
  );
}

/**
 * One REST call as `session` ({accessToken, csrfToken}); resolves `data` of the envelope or
 * throws with the error code (and status) in the message.
 */
export async function api(baseUrl, method, route, { body, session } = {}) {
  const headers = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (session) {
    headers.cookie = `access_token=${session.accessToken}`;
    if (method !== 'GET') headers['x-csrf-token'] = session.csrfToken;
  }
  const response = await fetch(`${baseUrl}${route}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const json = await response.json().catch(() => ({ success: false, error: { code: 'NOT_JSON' } }));
  if (!json.success) {
    const error = new Error(`${method} ${route}: ${response.status} ${JSON.stringify(json.error)}`);
    error.code = json.error?.code;
    throw error;
  }
  return { data: json.data, response };
}

/** Creates and starts a class taught by `teacher`; resolves `{classId, joinCode}`. */
export async function liveClass(baseUrl, teacher, { title, capacity }) {
  const created = await api(baseUrl, 'POST', '/api/classes', {
    session: teacher,
    body: { title, capacity },
  });
  const classId = created.data.class.id;
  const started = await api(baseUrl, 'POST', `/api/classes/${classId}/start`, {
    session: teacher,
  });
  const joinCode = started.data.class.joinCode ?? created.data.class.joinCode ?? null;
  return { classId, joinCode };
}

export function endClass(baseUrl, teacher, classId) {
  return api(baseUrl, 'POST', `/api/classes/${classId}/end`, { session: teacher });
}
