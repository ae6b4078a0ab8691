#!/usr/bin/env node
// npm run torture -- --writes 10000 --seed 7 [--scenario nest]
//
// Runs the torture suite (torture.spec.ts) long: the same scenarios `npm test`
// runs bounded, each with the given number of random writes. It prints each
// scenario's writes, reloads, events, resources and violations, and exits
// non-zero on any violation.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const USAGE = 'usage: npm run torture -- [--writes N] [--seed N] [--scenario NAME]';
const SCENARIOS = ['engine-keep-last-good', 'engine-reject-version', 'nest'];

function parse(argv) {
  const options = { writes: '10000', seed: String(Date.now() % 2 ** 31) };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split('=', 2);
    const value = inline ?? argv[++i];
    if (!['--writes', '--seed', '--scenario'].includes(name) || value === undefined) {
      throw new Error(`${name}: unknown option, or no value given\n${USAGE}`);
    }
    options[name.slice(2)] = value;
  }
  if (!/^[1-9]\d*$/.test(options.writes))
    throw new Error(`--writes must be a positive integer\n${USAGE}`);
  if (!/^\d+$/.test(options.seed))
    throw new Error(`--seed must be a non-negative integer\n${USAGE}`);
  if (options.scenario !== undefined && !SCENARIOS.includes(options.scenario)) {
    throw new Error(`--scenario must be one of ${SCENARIOS.join(', ')}\n${USAGE}`);
  }
  return options;
}

let options;
try {
  options = parse(process.argv.slice(2));
} catch (error) {
  console.error(error.message);
  process.exit(2);
}

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const vitest = createRequire(import.meta.url)
  .resolve('vitest/package.json')
  .replace(/package\.json$/, 'vitest.mjs');
console.log(
  `torture: ${options.writes} writes per scenario, seed ${options.seed}${options.scenario ? `, scenario ${options.scenario}` : ''}`,
);
const child = spawn(
  process.execPath,
  [vitest, 'run', 'test/torture/torture.spec.ts', '--reporter=verbose'],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      TORTURE_WRITES: options.writes,
      TORTURE_SEED: options.seed,
      ...(options.scenario ? { TORTURE_SCENARIO: options.scenario } : {}),
    },
  },
);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
