/**
 * `--ref <git-ref>`: another commit of LLMS, built once into .data/bench-refs/<sha>/ (a detached
 * `git worktree add`) and run as the extra system `llms@<short sha>`, so before/after figures come
 * from the same run. The build is cached by sha (a marker file once `npm run build` produced
 * dist/src/main.js). node_modules is this worktree's, by symlink, when every package the ref's
 * package-lock pins is installed here at the same version; otherwise `npm ci` runs in the ref's
 * folder.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../tools/lib/index.js';
import { log } from './proc.mjs';

const REFS_DIR = path.join(ROOT, '.data', 'bench-refs');
const MARKER = '.bench-built';
const STEP_TIMEOUT_MS = 15 * 60_000;

function run(command, args, cwd, { quiet = false } = {}) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout: STEP_TIMEOUT_MS,
    stdio: quiet ? 'pipe' : ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

/** True when this worktree's node_modules has every package of `lockFile` at its version. */
function lockIsCovered(lockFile) {
  const read = (file) => JSON.parse(fs.readFileSync(file, 'utf8')).packages ?? {};
  const ours = read(path.join(ROOT, 'package-lock.json'));
  const theirs = read(lockFile);
  return Object.entries(theirs).every(
    ([name, entry]) => name === '' || ours[name]?.version === entry.version,
  );
}

/** Builds (or reuses) `ref`; resolves a build descriptor like llms.currentBuild(). */
export async function prepareRef(ref) {
  const resolved = run('git', ['rev-parse', '--verify', `${ref}^{commit}`], ROOT, { quiet: true });
  if (!resolved.ok) throw new Error(`not a commit: ${ref}`);
  const sha = resolved.output.trim();
  const dir = path.join(REFS_DIR, sha);
  const build = {
    system: `llms@${sha.slice(0, 7)}`,
    kind: 'llms',
    ref,
    root: dir,
    main: path.join(dir, 'dist', 'src', 'main.js'),
    sha,
    dirty: false,
  };
  if (fs.existsSync(path.join(dir, MARKER)) && fs.existsSync(build.main)) {
    log(`--ref ${ref}: reusing the build in .data/bench-refs/${sha.slice(0, 12)}...`);
    return build;
  }

  log(`--ref ${ref}: building ${sha.slice(0, 12)} into .data/bench-refs/ (once per sha) ...`);
  if (fs.existsSync(dir)) {
    run('git', ['worktree', 'remove', '--force', dir], ROOT);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  fs.mkdirSync(REFS_DIR, { recursive: true });
  run('git', ['worktree', 'prune'], ROOT);
  const added = run('git', ['worktree', 'add', '--detach', dir, sha], ROOT);
  if (!added.ok) throw new Error(`git worktree add failed:\n${added.output}`);

  const lock = path.join(dir, 'package-lock.json');
  if (fs.existsSync(lock) && lockIsCovered(lock)) {
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  } else {
    log(`--ref ${ref}: its package-lock differs: npm ci in its folder ...`);
    const ci = run('npm', ['ci', '--no-audit', '--no-fund'], dir);
    if (!ci.ok) throw new Error(`npm ci failed:\n${ci.output.slice(-2000)}`);
  }
  const built = run('npm', ['run', 'build'], dir);
  if (!fs.existsSync(build.main))
    throw new Error(`npm run build failed:\n${built.output.slice(-2000)}`);
  if (!built.ok)
    log(`--ref ${ref}: the web build failed (not needed by the bench); the server built`);
  fs.writeFileSync(path.join(dir, MARKER), `${new Date().toISOString()}\n`);
  return build;
}
