#!/usr/bin/env node
/**
 * Makes sure the browser the browser suite drives is installed: Debian's `chromium` package at
 * /usr/bin/chromium (override with CHROMIUM_PATH). When it is missing on a Debian-like machine it
 * runs `apt-get install -y chromium` (as root, or through `sudo -n`). It never downloads a browser
 * build of its own (no `playwright install`): only the distribution's package.
 *
 * Prints the executable's path as its last line; exits 1 with one clear message otherwise.
 *   node tools/ensure-chromium.mjs
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function run(command, args, env) {
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const [cmd, argv] = asRoot ? [command, args] : ['sudo', ['-n', command, ...args]];
  console.error(`ensure-chromium: ${[cmd, ...argv].join(' ')}`);
  const result = spawnSync(cmd, argv, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...env },
  });
  return result.status === 0;
}

export class ChromiumError extends Error {}

/** Returns the Chromium executable's path, installing Debian's package when it is missing. */
export function ensureChromium() {
  if (isExecutable(CHROMIUM_PATH)) return CHROMIUM_PATH;
  if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) {
    throw new ChromiumError(
      `Chromium is not installed at ${CHROMIUM_PATH} and this machine has no apt-get to install it. ` +
        'Install a Chromium build and set CHROMIUM_PATH to its executable.',
    );
  }
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  const quiet = ['-y', '-q', '-o', 'Dpkg::Use-Pty=0'];
  // The package lists may be stale or absent on a fresh machine: refresh them once if the first try fails.
  const installed =
    run('apt-get', ['install', ...quiet, 'chromium'], env) ||
    (run('apt-get', ['update', '-q'], env) &&
      run('apt-get', ['install', ...quiet, 'chromium'], env));
  if (!installed) {
    throw new ChromiumError(
      `${CHROMIUM_PATH} is missing and \`apt-get install -y chromium\` failed (it needs root or passwordless sudo ` +
        'and a reachable Debian mirror); see its output above.',
    );
  }
  if (!isExecutable(CHROMIUM_PATH)) {
    throw new ChromiumError(
      `The chromium package is installed but ${CHROMIUM_PATH} is not an executable; check CHROMIUM_PATH.`,
    );
  }
  return CHROMIUM_PATH;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    console.log(ensureChromium());
  } catch (error) {
    console.error(
      `ensure-chromium: ${error instanceof ChromiumError ? error.message : (error?.stack ?? error)}`,
    );
    process.exit(1);
  }
}
