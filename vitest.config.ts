import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tests: WXT's fake browser + happy-dom. The real-browser suite has its own config (vitest.e2e.config.ts).
export default defineConfig({
  plugins: [WxtVitest(), preact()],
  resolve: { alias: [{ find: /^wxt\/testing$/, replacement: 'wxt/testing/fake-browser' }] },
  test: {
    environment: 'happy-dom',
    include: ['lib/**/*.test.{ts,tsx}', 'components/**/*.test.{ts,tsx}', 'tests/unit/**/*.test.{ts,tsx}'],
    setupFiles: ['tests/unit/install-temporal.ts', 'tests/unit/setup.ts'],
    restoreMocks: true,
  },
});
