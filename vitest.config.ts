import { defineConfig } from 'vitest/config';

const roots = ['src', 'agents', 'tools', 'graph', 'retrieval', 'sandbox', 'test', 'evals', 'bench'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // The unit files run beside the int project on a 2-CPU CI machine: a generous ceiling.
          testTimeout: 30_000,
          include: roots.map((r) => `${r}/**/*.test.ts`),
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'int',
          include: roots.map((r) => `${r}/**/*.int.test.ts`),
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
