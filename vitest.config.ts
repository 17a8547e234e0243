import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Fails the run when a test touched the user's content/ or data/ folder.
    globalSetup: ['tests/fixtures/user-state-guard.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
