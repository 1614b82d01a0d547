import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    // At least two test files at a time, also on a 2-core machine (vitest's default there is
    // one): many files wait on PostgreSQL, Chromium, child processes or password hashing, and
    // the other core runs the next file meanwhile. Each file still runs in its own process.
    pool: 'forks',
    // Test files share their worker's modules (each worker runs its files one after another)
    // instead of importing the whole app again for every file: the suite's CPU time fell from
    // 423 to 182 s with every test passing (README, "Tests and benchmarks"). A file that changes
    // process-wide state (environment variables, the working folder) puts it back in its
    // afterAll or finally.
    isolate: false,
    // Transformed modules kept on disk between runs (node_modules/.vite), so a second run skips
    // compiling the TypeScript again. Vitest keys each on the file's content and the config.
    experimental: { fsModuleCache: true },
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Password hashing at N=2^10 instead of 2^15 (src/app/accounts.ts reads it under vitest only).
    env: { PADDOCK_TEST_SCRYPT_N: '1024' },
  },
});
