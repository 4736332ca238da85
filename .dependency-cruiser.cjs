/**
 * The direction of the code, enforced by `npm run lint` (dependency-cruiser, as
 * domain-driven-hexagon does). A rule that fails is better than a paragraph that is ignored.
 *
 *   - no cycles between files;
 *   - every import resolves;
 *   - libs/ never imports src/ (the libraries are shared by the server, the web client, tests
 *     and benchmarks);
 *   - a feature module reaches another module only through that module's index.ts (its public
 *     surface), never into its files;
 *   - the web client never imports the server.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle means two modules each need the other: one of the arrows runs back up.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'libs-not-to-src',
      severity: 'error',
      comment: 'libs/ is shared by the server, the web client, tests and benchmarks.',
      from: { path: '^libs/' },
      to: { path: '^src/' },
    },
    {
      name: 'modules-only-through-their-index',
      severity: 'error',
      comment:
        'Import another module through its index.ts (its public surface), not its internals.',
      from: { path: '^src/modules/([^/]+)/', pathNot: '\\.spec\\.ts$' },
      to: {
        path: '^src/modules/([^/]+)/.+',
        pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'web-not-to-server',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^(src|test)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
    },
  },
};
