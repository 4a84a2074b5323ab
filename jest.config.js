// One jest run covers every workspace: unit tests beside the code, integration,
// contract, workflow and synth tests under tests/ and infra/, browser end-to-end tests in
// tests/e2e/. The mini-program's unit tests see @tarojs/taro and @tarojs/components as small
// stubs (miniapp/test/).
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2023', parser: { syntax: 'typescript' } } }],
  },
  moduleNameMapper: {
    '^@factory/shared$': '<rootDir>/shared/src/index.ts',
    '^@tarojs/taro$': '<rootDir>/miniapp/test/taroStub.ts',
    '^@tarojs/components$': '<rootDir>/miniapp/test/componentsStub.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/{shared,functions,infra,tests,miniapp}/**/*.test.ts'],
  setupFiles: ['<rootDir>/tests/jestSetup.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/cdk.out/', '/dist/'],
  testTimeout: 30000,
};
