import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * `npm start` builds only when the build is stale (tools/start.mjs `buildNeeded`), on a small
 * tree with chosen modification times: a missing output, a changed source or config file, and
 * the files that must not count (specs, node_modules, the web build itself).
 */
const START = join(__dirname, 'start.mjs');
const BUILT_AT = new Date('2026-01-02T00:00:00Z');
const BEFORE = new Date('2026-01-01T00:00:00Z');
const AFTER = new Date('2026-01-03T00:00:00Z');

let root: string;

function file(relative: string, at: Date) {
  const full = join(root, relative);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, '');
  utimesSync(full, at, at);
}

/** What buildNeeded says of the tree (null: up to date). */
function buildNeeded(): string | null {
  const script = `import(${JSON.stringify(START)}).then((m) => console.log(JSON.stringify(m.buildNeeded(process.argv[1]))))`;
  const result = spawnSync(process.execPath, ['-e', script, root], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as string | null;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'llms-start-'));
  file('src/main.ts', BEFORE);
  file('libs/contract/src/index.ts', BEFORE);
  file('web/src/app.tsx', BEFORE);
  file('package.json', BEFORE);
  file('dist/src/main.js', BUILT_AT);
  file('web/dist/index.html', BUILT_AT);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('buildNeeded (npm start builds only when stale)', () => {
  it('is up to date when both outputs are newer than every source', () => {
    expect(buildNeeded()).toBeNull();
  });

  it('builds when an output is missing', () => {
    rmSync(join(root, 'web/dist/index.html'));
    expect(buildNeeded()).toBe('web/dist/index.html does not exist');
  });

  it.each(['src/modules/new.ts', 'libs/redis/src/x.lua', 'web/src/pages/Home.tsx'])(
    'builds when a source changed: %s',
    (source) => {
      file(source, AFTER);
      expect(buildNeeded()).toBe(`${source} changed since the last build`);
    },
  );

  it.each(['package-lock.json', 'tsconfig.build.json', 'nest-cli.json'])(
    'builds when a build file changed: %s',
    (name) => {
      file(name, AFTER);
      expect(buildNeeded()).toBe(`${name} changed since the last build`);
    },
  );

  it('ignores specs, node_modules, the web build and dot folders', () => {
    file('src/main.spec.ts', AFTER);
    file('web/node_modules/x/index.js', AFTER);
    file('web/dist/assets/app.js', AFTER);
    file('src/.cache/x.ts', AFTER);
    file('README.md', AFTER);
    expect(buildNeeded()).toBeNull();
  });
});
