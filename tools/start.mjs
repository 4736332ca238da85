#!/usr/bin/env node
/**
 * `npm start`, the newcomer's one command: make sure MongoDB and Redis answer (tools/services.mjs),
 * build only when the build is older than a source, then run the built app in this process
 * (so Ctrl-C reaches it directly and it shuts down gracefully). It ends with one line:
 * `LLMS ready at <PUBLIC_URL> (API docs at /docs)`.
 *
 * Stale means: some file under src/, libs/ or web/ (not web/dist, not *.spec.ts), or tsconfig*.json,
 * nest-cli.json, package.json or package-lock.json, is newer than dist/src/main.js or
 * web/dist/index.html (or one of those is missing). `npm run build` always builds.
 *
 *   node tools/start.mjs            services + build if stale + run
 *   node tools/start.mjs --check    only say whether a build is needed (exit 1 when it is)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureServices, ROOT, ServiceError } from './services.mjs';

const SOURCE_DIRS = ['src', 'libs', 'web'];
const SOURCE_FILES = /^(tsconfig.*\.json|nest-cli\.json|package\.json|package-lock\.json)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist']);
const OUTPUTS = ['dist/src/main.js', 'web/dist/index.html'];

/** The newest file under `dir` (skipping node_modules, dist and dot folders): {file, mtimeMs}. */
function newestIn(dir, newest = { file: null, mtimeMs: 0 }) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) newestIn(full, newest);
    } else if (entry.isFile() && !entry.name.endsWith('.spec.ts')) {
      const { mtimeMs } = fs.statSync(full);
      if (mtimeMs > newest.mtimeMs) Object.assign(newest, { file: full, mtimeMs });
    }
  }
  return newest;
}

/** Why a build is needed, or null when the build output is newer than every source. */
export function buildNeeded(root = ROOT) {
  const outputs = OUTPUTS.map((file) => path.join(root, file));
  const missing = outputs.find((file) => !fs.existsSync(file));
  if (missing) return `${path.relative(root, missing)} does not exist`;
  const builtAt = Math.min(...outputs.map((file) => fs.statSync(file).mtimeMs));
  const newest = { file: null, mtimeMs: 0 };
  for (const dir of SOURCE_DIRS)
    if (fs.existsSync(path.join(root, dir))) newestIn(path.join(root, dir), newest);
  for (const name of fs.readdirSync(root)) {
    if (!SOURCE_FILES.test(name)) continue;
    const { mtimeMs } = fs.statSync(path.join(root, name));
    if (mtimeMs > newest.mtimeMs) Object.assign(newest, { file: path.join(root, name), mtimeMs });
  }
  return newest.mtimeMs > builtAt
    ? `${path.relative(root, newest.file)} changed since the last build`
    : null;
}

function npmRunBuild(env) {
  const npmCli = process.env.npm_execpath;
  const [command, args] =
    npmCli && /\.c?js$/.test(npmCli)
      ? [process.execPath, [npmCli, 'run', 'build']]
      : [process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build']];
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: 'inherit' });
    child.once('error', () => resolve(127));
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

async function main(argv) {
  if (argv.includes('--check')) {
    const why = buildNeeded();
    console.log(why ? `build needed: ${why}` : 'build is up to date');
    process.exit(why ? 1 : 0);
  }
  const services = await ensureServices();
  for (const [name, value] of Object.entries(services)) process.env[name] ??= value;

  const why = buildNeeded();
  if (why) {
    process.stderr.write(`start: building (${why})\n`);
    const code = await npmRunBuild(process.env);
    if (code !== 0) {
      process.stderr.write('start: the build failed; see its output above\n');
      process.exit(code);
    }
  } else {
    process.stderr.write('start: the build is up to date (`npm run build` forces one)\n');
  }
  // The app's own entry, as `npm run start:prod` runs it; it installs its signal handlers.
  await import(pathToFileURL(path.join(ROOT, 'dist', 'src', 'main.js')).href);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error) => {
    process.stderr.write(
      `start: ${error instanceof ServiceError ? error.message : (error?.stack ?? error)}\n`,
    );
    process.exit(1);
  });
}
