import { defineConfig } from 'vitest/config';

const roots = ['src', 'agents', 'tools', 'graph', 'retrieval', 'sandbox', 'test', 'evals', 'bench'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
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
