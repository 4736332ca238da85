/**
 * The jest projects `npm test` runs, in this order:
 *   unit         pure logic beside the code, no server (src/**, libs/**, tools/** *.spec.ts)
 *   integration  modules against the real Redis, Redis Cluster and MongoDB-wire servers
 *   e2e          the real app on free ports, driven over HTTP and Socket.IO
 *   browser      the web client in Debian's Chromium (playwright-core); needs `npm run build`
 */
const moduleNameMapper = {
  '^@llms/contract$': '<rootDir>/libs/contract/src',
  '^@llms/errors$': '<rootDir>/libs/errors/src',
  '^@llms/redis$': '<rootDir>/libs/redis/src',
};
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
};
const common = {
  rootDir: __dirname,
  moduleFileExtensions: ['js', 'json', 'ts'],
  testEnvironment: 'node',
  transform,
  moduleNameMapper,
  // Local data: bench builds of other commits (.data/bench-refs) would shadow this package.
  modulePathIgnorePatterns: ['<rootDir>/.data/'],
};

module.exports = {
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{src,libs,tools}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.integration-spec.ts'],
    },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
    },
  ],
};
