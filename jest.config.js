/** Two projects: unit specs beside the code, e2e suites against the real app and servers. */
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
};

module.exports = {
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{src,libs,tools}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
    },
    // The web client in Debian's Chromium (playwright-core) against the real app; needs `npm run build`.
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
    },
  ],
};
