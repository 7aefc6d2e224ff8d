import { defineConfig } from 'vitest/config';

// Real-browser suite in Firefox ESR (WebDriver BiDi through puppeteer-core) against the HTTP Close stand-in.
// Like the Chromium suite: no WxtVitest() (it would fake `browser`), one file at a time on 2 cores.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/e2e-firefox/**/*.e2e.ts'],
    globalSetup: ['tests/e2e-firefox/support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
