import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The direction rules of .dependency-cruiser.cjs (run by `npm run lint`) do fail: a small tree
 * with a cycle, a reach into another module's internals and a lib importing src is refused,
 * and the same tree without them passes.
 */
const ROOT = join(__dirname, '..');

function cruise(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'llms-deps-'));
  try {
    for (const [path, source] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), source);
    }
    const config = join(ROOT, '.dependency-cruiser.cjs');
    const result = spawnSync(
      process.execPath,
      [
        join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
        'src',
        'libs',
        '--config',
        config,
        '--ts-config',
        join(ROOT, 'tsconfig.json'),
      ],
      { cwd: dir, encoding: 'utf8', timeout: 60_000 },
    );
    return { status: result.status, output: result.stdout + result.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const clean = {
  'src/modules/a/index.ts': "export { a } from './a';\n",
  'src/modules/a/a.ts': "import { b } from '../b';\nexport const a = () => b;\n",
  'src/modules/b/index.ts': "export { b } from './b';\n",
  'src/modules/b/b.ts': 'export const b = 1;\n',
  'libs/l/index.ts': 'export const l = 1;\n',
};

describe('dependency rules (npm run lint)', () => {
  it('pass a tree that follows them', () => {
    const { status, output } = cruise(clean);
    expect([status, output]).toEqual([0, expect.stringContaining('no dependency violations')]);
  });

  it('fail on a cycle, on a reach into a module, and on libs importing src', () => {
    const { status, output } = cruise({
      ...clean,
      'src/modules/b/b.ts': "import { a } from '../a/a';\nexport const b = a;\n",
      'libs/l/index.ts': "import { b } from '../../src/modules/b';\nexport const l = b;\n",
    });
    expect(status).not.toBe(0);
    expect(output).toContain('no-circular');
    expect(output).toContain('modules-only-through-their-index');
    expect(output).toContain('libs-not-to-src');
  });
});
