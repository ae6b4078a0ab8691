import { mkdir, rm, symlink, unlink, writeFile, readlink, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { FlagErrors } from '../../../lib/index.js';
import { writeConfigMapVolume } from '../../../lib/testing/index.js';
import { eventually } from '../../utils/eventually.js';
import { declareFlags, Harness } from './engine-fixture.js';

/**
 * What counts as kubelet's layout: `..data` is a symlink. Any other name
 * starting with `..` (an editor's `..notes`, a failed write's leftover
 * version directory) is ignored like every dotfile; a `..data` that is
 * removed for good while keys still link into it, or replaced by a regular
 * directory, is said so in status and health, and what can be applied is.
 */
describe('ConfigMapEngine: what counts as the kubelet layout', () => {
  const h = new Harness();
  beforeEach(() => h.setup());
  afterEach(() => h.teardown());

  it('a plain directory holding an editor file named "..notes" is read and followed as a plain directory', async () => {
    await writeFile(join(h.dir, '..notes'), 'my notes');
    await writeFile(join(h.dir, 'greeting'), 'one');
    const { set, flags } = declareFlags();
    const { engine } = h.engine(set);
    await engine.initialize();
    expect(flags.greeting.get()).toBe('one');
    await engine.start();
    await writeFile(join(h.dir, 'greeting'), 'two');
    await eventually(() => expect(flags.greeting.get()).toBe('two'));
    expect(engine.status()).toMatchObject({ layout: 'plain', lastResult: 'applied', errors: [] });
  });

  it('a version directory left by a failed first write (no ..data) does not keep the application from starting', async () => {
    await mkdir(join(h.dir, '..2026_11_25_09_10_02.2251008339'));
    await writeFile(join(h.dir, '..2026_11_25_09_10_02.2251008339', 'greeting'), 'half');
    const { set, flags } = declareFlags();
    const { engine } = h.engine(set);
    await engine.initialize();
    expect(flags.greeting.get()).toBe('hello'); // the unnamed version is not read
    expect(engine.status()).toMatchObject({ layout: 'plain', errors: [] });
    expect(engine.status().warnings).toEqual([
      `${h.dir} holds only kubelet-style entries without ..data (a version directory left by a failed write?) for over 2 s: they are ignored and the directory read as a plain one`,
    ]);
  });

  it('..data replaced by a regular directory: read as a plain directory, not "in transition" forever', async () => {
    await writeConfigMapVolume(h.dir, { greeting: 'v1', rate: '1' });
    const { set, flags } = declareFlags();
    const { engine } = h.engine(set, { resyncInterval: 50 });
    await engine.start();
    const target = await readlink(join(h.dir, '..data'));
    // Someone "fixes" the volume by hand: ..data becomes a real directory with new values.
    await unlink(join(h.dir, '..data'));
    await mkdir(join(h.dir, '..data'));
    await writeFile(join(h.dir, '..data', 'greeting'), 'by hand');
    await writeFile(join(h.dir, '..data', 'rate'), '2');
    await rm(join(h.dir, target), { recursive: true });
    await eventually(() => expect(flags.greeting.get()).toBe('by hand'), { timeout: 8000 });
    expect(flags.rate.get()).toBe(2);
    expect(engine.status().layout).toBe('plain');
  });

  it('..data removed for good while keys link into it: degraded with the reason after the grace, the last values kept, plain files applied', async () => {
    await writeConfigMapVolume(h.dir, { greeting: 'v1', rate: '1' });
    const { set, flags } = declareFlags();
    const { engine } = h.engine(set, { resyncInterval: 50 });
    await engine.start();
    await unlink(join(h.dir, '..data'));
    await writeFile(join(h.dir, 'policy'), '{"allow": false}');
    await eventually(() => expect(flags.policy.get()).toEqual({ allow: false }), {
      timeout: 8000,
    });
    expect([flags.greeting.get(), flags.rate.get()]).toEqual(['v1', 1]);
    const status = engine.status();
    expect(status.lastResult).toBe('partial');
    expect(status.errors).toEqual([
      `Flag "greeting": ${h.dir}/greeting is a symlink to ..data/greeting, which does not exist; keeping its last value`,
      `Flag "rate": ${h.dir}/rate is a symlink to ..data/rate, which does not exist; keeping its last value`,
    ]);
    expect(status.warnings).toContain(
      `${h.dir}/..data is missing while keys still link into it: kubelet's layout has been broken for over 2 s; reading what can be read`,
    );
  });

  it('at start, ..data missing for good is not a 2 s wait then a misleading error: startOnInvalid starts on what can be read', async () => {
    await writeConfigMapVolume(h.dir, { greeting: 'v1', rate: '1' });
    await unlink(join(h.dir, '..data'));
    const strict = declareFlags();
    const refused = await h
      .engine(strict.set)
      .engine.initialize()
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(FlagErrors);
    expect((refused as FlagErrors).message).toContain(
      `Flag "greeting": ${h.dir}/greeting is a symlink to ..data/greeting, which does not exist`,
    );

    const lenient = declareFlags();
    const { engine } = h.engine(lenient.set, { startOnInvalid: true });
    await engine.initialize();
    expect(lenient.flags.greeting.get()).toBe('hello');
    expect(engine.status()).toMatchObject({ startedOnFallbacks: true, lastResult: 'partial' });
  });

  it('a dangling symlink inside a version directory refuses that key only, naming it', async () => {
    await writeConfigMapVolume(h.dir, { greeting: 'v1', rate: '1' });
    const version = await readlink(join(h.dir, '..data'));
    await writeFile(join(h.dir, version, 'rate'), '3');
    await symlink('/nonexistent/target', join(h.dir, version, 'greeting.tmp'));
    await rename(join(h.dir, version, 'greeting.tmp'), join(h.dir, version, 'greeting'));
    const { set, flags } = declareFlags();
    const { engine } = h.engine(set, { startOnInvalid: true });
    await engine.initialize();
    expect(flags.rate.get()).toBe(3);
    expect(engine.status().errors).toEqual([
      `Flag "greeting": ${h.dir}/greeting is a symlink to /nonexistent/target, which does not exist; keeping its last value`,
    ]);
  });

  it('..data pointing at a file says so, instead of "which does not exist"', async () => {
    await writeConfigMapVolume(h.dir, { greeting: 'v1' });
    const { set, flags } = declareFlags();
    const { engine } = h.engine(set, { resyncInterval: 50 });
    await engine.start();
    await writeFile(join(h.dir, '..file'), 'x');
    await symlink('..file', join(h.dir, '..data_tmp'));
    await rename(join(h.dir, '..data_tmp'), join(h.dir, '..data'));
    await eventually(() =>
      expect(engine.status().errors).toEqual([
        `${h.dir}/..data points to ..file, which is a file, not a version directory; keeping the last values`,
      ]),
    );
    expect(flags.greeting.get()).toBe('v1');
    expect(engine.status().lastResult).toBe('rejected');
  });
});
