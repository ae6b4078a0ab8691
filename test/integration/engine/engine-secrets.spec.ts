import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { defineFlags, flag, FlagSet } from '../../../lib/index.js';
import { makeTempDir, removeTempDir } from '../../utils/temp-dir.js';
import { Harness } from './engine-fixture.js';

const SECRET = 'sk_live_51H8xQ';

/** A set with a sensitive flag whose zod refine throws, quoting the value, on live keys. */
function secretFlags() {
  const set = new FlagSet('secrets');
  const flags = defineFlags(
    {
      api_key: flag.string({
        default: 'sk_test_default',
        description: 'key',
        dynamic: true,
        sensitive: true,
        validate: z.string().refine((v) => {
          if (v.startsWith('sk_live_')) throw new Error(`Unexpected token in "${v}"`);
          return true;
        }),
      }),
      pin: flag.int({ default: 0, description: 'pin', dynamic: true, sensitive: true }),
      rate: flag.int({ default: 1, description: 'rate', dynamic: true }),
    },
    set,
  );
  return { set, flags };
}

describe('ConfigMapEngine: sensitive values never reach status, reports or the logger', () => {
  const h = new Harness();
  beforeEach(() => h.setup());
  afterEach(() => h.teardown());

  it('a throwing validator of a sensitive flag is a refusal naming flag and file, quoting nothing', async () => {
    await writeFile(join(h.dir, 'api_key'), SECRET);
    await writeFile(join(h.dir, 'rate'), '5');
    const { set, flags } = secretFlags();
    const { engine, logger } = h.engine(set, { startOnInvalid: true });
    const report = await engine.initialize();
    expect(flags.api_key.get()).toBe('sk_test_default');
    expect(flags.rate.get()).toBe(5);
    const expected = `Flag "api_key" from configmap (${h.dir}/api_key): refused "[redacted]": the validator threw (what it threw is not shown for a sensitive flag); expected a value that passes the flag's validation`;
    expect(report.errors).toEqual([expected]);
    expect(engine.status().errors).toEqual([expected]);
    expect(logger.lines).toEqual([`warn ${expected}`]);
    const everything = JSON.stringify([report, engine.status(), logger.lines]);
    expect(everything).not.toContain('sk_live');
    expect(everything).not.toContain('asynchronous');
  });

  it('replicas with different secrets publish the same checksums (no brute-force oracle)', async () => {
    const other = await makeTempDir('dflag-engine-');
    try {
      await writeFile(join(h.dir, 'pin'), '4821');
      await writeFile(join(other, 'pin'), '1234');
      const a = h.engine(secretFlags().set).engine;
      const b = h.engine(secretFlags().set, { path: other }).engine;
      const [ra, rb] = await Promise.all([a.initialize(), b.initialize()]);
      expect(ra.checksums).toEqual(rb.checksums);
      expect(a.status().checksums).toEqual(b.status().checksums);
    } finally {
      await removeTempDir(other);
    }
  });
});
