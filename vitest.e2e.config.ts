import { defineConfig } from 'vitest/config';

// Browser end-to-end tests (`npm run test:e2e`): each file starts its own local stack and headless Chromium.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    pool: 'forks',
    // As from a shell with no AWS configuration, whatever the developer has set (test/support/clean-aws-env.ts).
    setupFiles: ['test/support/clean-aws-env.ts'],
    maxWorkers: 3,
    // Limits only against a hang (see vitest.config.ts): Chromium and the stack may be slow on a busy machine.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    expect: { poll: { timeout: 120_000, interval: 25 } },
    env: { POWERTOOLS_LOG_LEVEL: 'ERROR', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
