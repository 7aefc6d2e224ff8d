import { defineConfig } from 'vitest/config';

// Real-browser suite: the built extension in Debian's Chromium against the HTTP Close stand-in.
// No WxtVitest() here (it would replace `browser` with a fake); one file at a time on 2 cores.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
