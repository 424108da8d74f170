import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    pool: 'forks',
    // As from a shell with no AWS configuration, whatever the developer has set (test/support/clean-aws-env.ts).
    setupFiles: ['test/support/clean-aws-env.ts'],
    // Limits only against a hang, never a guess at the machine's speed: under load (CI's shared cores, CPU hogs) a
    // stack start or a child process (Java, SpamAssassin, tsx, Node 22) may take many times its usual time. Tests
    // wait for conditions (expect.poll, test/support/wait.ts), whose own limits stay below these.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    expect: { poll: { timeout: 120_000, interval: 25 } },
    env: { POWERTOOLS_LOG_LEVEL: 'ERROR', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
