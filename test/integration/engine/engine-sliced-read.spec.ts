import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineFlags, flag, FlagSet } from '../../../lib/index.js';
import { writeConfigMapVolume } from '../../../lib/testing/index.js';
import { eventually } from '../../utils/eventually.js';
import { Harness } from './engine-fixture.js';

/**
 * Reads and parses spread over event-loop turns (the engine's `sliceMs` seam at 0 pauses between
 * every two keys): what is applied is still one state of the directory.
 */
describe('engine: a version read over several turns', () => {
  const h = new Harness();
  beforeEach(() => h.setup());
  afterEach(() => h.teardown());

  const KEYS = 60;
  const declare = () => {
    const set = new FlagSet('sliced');
    const specs: Record<string, ReturnType<typeof flag.string>> = {};
    for (let k = 0; k < KEYS; k++)
      specs[`key_${k}`] = flag.string({ default: '', description: '', dynamic: true });
    return { set, flags: defineFlags(specs, set) };
  };
  const version = (i: number): Record<string, string> =>
    Object.fromEntries(Array.from({ length: KEYS }, (_, k) => [`key_${k}`, `v${i}`]));
  const valuesOf = (set: FlagSet): Set<unknown> => new Set([...set].map((f) => f.get()));

  it('kubelet layout: swaps during the read never apply a mix of two versions, and the last one wins', async () => {
    const { set } = declare();
    await writeConfigMapVolume(h.dir, version(0));
    const { engine, reports } = h.engine(set, {}, { sliceMs: 0 });
    const mixed: string[] = [];
    engine.onReload(() => {
      const seen = valuesOf(set);
      if (seen.size !== 1) mixed.push([...seen].join(','));
    });
    await engine.start();
    // The writer's own steps are asynchronous: every swap lands while a read is under way.
    for (let i = 1; i <= 30; i++) await writeConfigMapVolume(h.dir, version(i));
    await eventually(() => expect(valuesOf(set)).toEqual(new Set(['v30'])), { timeout: 15_000 });
    expect(mixed).toEqual([]);
    expect(reports.length).toBeGreaterThan(0);
    expect(engine.status().version).toBe(reports.at(-1)?.version);
  });

  it('plain directory: a file changed while the directory is read is not applied stale', async () => {
    const set = new FlagSet('sliced-plain');
    let wrote = false;
    const dir = h.dir;
    const flags = defineFlags(
      {
        // Parsing `a` (in a later turn than the listing) stands for a writer editing `b` meanwhile.
        a: flag.string({
          default: '',
          description: '',
          dynamic: true,
          validate: (value) => {
            if (value === 'new' && !wrote) {
              wrote = true;
              writeFileSync(join(dir, 'b'), 'new');
            }
            return true;
          },
        }),
        b: flag.string({ default: '', description: '', dynamic: true }),
        c: flag.string({ default: '', description: '', dynamic: true }),
      },
      set,
    );
    for (const name of ['a', 'b', 'c']) writeFileSync(join(dir, name), 'old');
    const { engine } = h.engine(set, { settleDelay: 20 }, { sliceMs: 0 });
    const applied: string[] = [];
    engine.onReload(() => applied.push(`${flags.a.get()}/${flags.b.get()}`));
    await engine.start();
    writeFileSync(join(dir, 'a'), 'new');
    await eventually(() => expect(applied.at(-1)).toBe('new/new'), { timeout: 10_000 });
    expect(applied).not.toContain('new/old');
  });
});
