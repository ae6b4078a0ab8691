import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// Why SWC: Vite 7's esbuild transform drops decorator metadata, so Nest's
// constructor injection would receive `undefined`. SWC emits it (legacy
// decorators + metadata), and this combination installs with npm 10 and 11.
export default defineConfig({
  plugins: [
    swc.vite({
      jsc: {
        target: 'es2022',
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
      },
    }),
  ],
  test: {
    globals: true,
    include: ['test/**/*.spec.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
});
