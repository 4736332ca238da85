#!/usr/bin/env node
/**
 * `npm test`: every check and every suite, against real servers, failing fast.
 *
 *   1. services    ensureServices() from tools/services.mjs (starts Redis / FerretDB when needed)
 *   2. typecheck   tsc -p tsconfig.json --noEmit
 *   3. lint        npm run lint
 *   4. unit        jest project "unit"
 *   5. build       npm run build (later suites may need dist/ or web/dist; it also proves `npm start` builds)
 *   6. the other jest projects of jest.config.js in their order (e2e, browser, ...), --runInBand
 *
 * Jest's own output stays as it is; the last line is `N passed, N failed[, N skipped]` summed
 * over every jest run. Exit code 0 only when every step passed.
 *
 * Options: `npm test -- --no-build` skips step 5; `npm test -- unit e2e` runs only those projects.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ensureServices, redact, ROOT, ServiceError } from './services.mjs';

const require = createRequire(import.meta.url);
const RESULTS_DIR = path.join(ROOT, '.data', 'test-results');
const totals = { passed: 0, failed: 0, skipped: 0 };
const timings = [];

function summaryLine() {
  const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
  return `${totals.passed} passed, ${totals.failed} failed${skipped}`;
}

function banner(text) {
  console.log(`\n━━ npm test: ${text}`);
}

function finish(code, failedStep) {
  console.log('');
  for (const { name, seconds, ok } of timings)
    console.log(`  ${ok ? 'ok  ' : 'FAIL'}  ${name.padEnd(16)} ${seconds.toFixed(1)} s`);
  if (failedStep) console.log(`\nnpm test: FAILED at "${failedStep}"; see its output above.`);
  console.log(summaryLine());
  process.exit(code);
}

/** Runs a command with inherited stdio; resolves its exit code. */
function run(command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: 'inherit' });
    child.once('error', (error) => {
      console.error(`npm test: cannot run ${command}: ${error.message}`);
      resolve(127);
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

async function step(name, fn) {
  banner(name);
  const startedAt = Date.now();
  let ok = false;
  try {
    ok = await fn();
  } finally {
    timings.push({ name, seconds: (Date.now() - startedAt) / 1000, ok });
  }
  if (!ok) finish(1, name);
}

/** `npm run <script>` with the npm that runs us (npm_execpath), else npm from PATH. */
function npmRun(script, env) {
  const npmCli = process.env.npm_execpath;
  return npmCli && /\.c?js$/.test(npmCli)
    ? run(process.execPath, [npmCli, 'run', script], env)
    : run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', script], env);
}

/** Names of the jest projects in jest.config.js, in their order. */
async function jestProjects() {
  let config = require(path.join(ROOT, 'jest.config.js'));
  if (typeof config === 'function') config = await config();
  const names = (config.projects ?? []).map((project) => {
    if (typeof project === 'string') return null;
    const name = project.displayName;
    return typeof name === 'string' ? name : (name?.name ?? null);
  });
  if (names.some((name) => !name))
    throw new Error('every project in jest.config.js needs a displayName for npm test');
  return names.length ? names : ['all'];
}

/** One jest run of one project; adds its counts to the totals. */
async function jest(project, { runInBand }, env) {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const outputFile = path.join(RESULTS_DIR, `jest-${project}.json`);
  fs.rmSync(outputFile, { force: true });
  const args = [require.resolve('jest/bin/jest'), '--config', 'jest.config.js'];
  if (project !== 'all') args.push('--selectProjects', project);
  if (runInBand) args.push('--runInBand');
  args.push('--json', '--outputFile', outputFile);
  const code = await run(process.execPath, args, env);

  let counted = 0;
  try {
    const result = JSON.parse(fs.readFileSync(outputFile, 'utf8'));
    totals.passed += result.numPassedTests;
    totals.skipped += result.numPendingTests + result.numTodoTests;
    // A suite that could not run (syntax error, failing beforeAll import) counts as one failure.
    counted = result.numFailedTests + result.numRuntimeErrorTestSuites;
    if (result.numTotalTests === 0 && result.numTotalTestSuites === 0) {
      console.log(`npm test: jest project "${project}" has no test files`);
    }
  } catch {
    console.error(
      `npm test: jest project "${project}" wrote no results (${path.relative(ROOT, outputFile)})`,
    );
  }
  if (code !== 0 && counted === 0) counted = 1;
  totals.failed += counted;
  return code === 0;
}

async function main() {
  const argv = process.argv.slice(2);
  const skipBuild = argv.includes('--no-build');
  const only = argv.filter((arg) => !arg.startsWith('--'));
  const startedAt = Date.now();

  let env = { ...process.env };
  await step('services', async () => {
    try {
      const found = await ensureServices({ env });
      env = { ...env, ...found };
      console.log(`MONGODB_URI=${redact(found.MONGODB_URI)}\nREDIS_URL=${redact(found.REDIS_URL)}`);
      return true;
    } catch (error) {
      console.error(
        `npm test: ${error instanceof ServiceError ? error.message : (error?.stack ?? error)}`,
      );
      return false;
    }
  });

  const projects = await jestProjects();
  const unknown = only.filter((name) => !projects.includes(name));
  if (unknown.length) {
    console.error(
      `npm test: unknown jest project(s) ${unknown.join(', ')}; jest.config.js has ${projects.join(', ')}`,
    );
    finish(2, 'arguments');
  }
  const selected = only.length ? projects.filter((name) => only.includes(name)) : projects;
  const first = selected.includes('unit') ? ['unit'] : [];
  const later = selected.filter((name) => name !== 'unit');

  if (!only.length) {
    await step(
      'typecheck',
      async () =>
        (await run(
          process.execPath,
          [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit'],
          env,
        )) === 0,
    );
    await step('lint', async () => (await npmRun('lint', env)) === 0);
  }
  for (const project of first)
    await step(`jest ${project}`, () => jest(project, { runInBand: false }, env));
  if (later.length && !skipBuild)
    await step('build', async () => (await npmRun('build', env)) === 0);
  for (const project of later)
    await step(`jest ${project}`, () => jest(project, { runInBand: true }, env));

  console.log(`\nnpm test: all steps passed in ${Math.round((Date.now() - startedAt) / 1000)} s`);
  finish(0);
}

main().catch((error) => {
  console.error(`npm test: ${error?.stack ?? error}`);
  finish(1, 'npm test itself');
});
