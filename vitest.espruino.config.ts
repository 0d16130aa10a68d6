// The real-interpreter tier: `npm run test:espruino` (test/espruino/**), run by .ci/run after
// `npm test`. Each test spawns the Linux Espruino build and waits real time.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/espruino/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // One file at a time: the tests run in real time, and a starved interpreter falls behind
    // its sensor (FIFO overflows) as a board would. On 2 shared cores it is no slower.
    fileParallelism: false,
    reporters: ['default'],
  },
});
