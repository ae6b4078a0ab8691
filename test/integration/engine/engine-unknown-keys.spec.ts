import { mkdir, readlink, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readVolume } from '../../../lib/configmap/read-volume.js';
import { flag } from '../../../lib/index.js';
import { writeConfigMapVolume } from '../../../lib/testing/index.js';
import { eventually } from '../../utils/eventually.js';
import { declareFlags, Harness } from './engine-fixture.js';

/** A value over the 1 MiB a key may hold: refused when read, so a key read shows it. */
const OVER_LIMIT = 'x'.repeat(1024 * 1024 + 16);

/**
 * Keys no flag declares are listed, never read: a writer of the directory could put gigabytes
 * under names nobody declared (1 500 files of 1 MiB held 1.6 GB and blocked start-up for 6 s),
 * and only their names are needed, to warn of them.
 */
describe('ConfigMapEngine: keys no flag declares', () => {
  const h = new Harness();
  beforeEach(() => h.setup());
  afterEach(() => h.teardown());

  it('are warned of by name and never read, in kubelet layout and in a plain directory', async () => {
    await writeConfigMapVolume(h.dir, { greeting: 'v1', junk: OVER_LIMIT });
    const { set, flags } = declareFlags();
    const { engine } = h.engine(set);
    await engine.start();
    expect(flags.greeting.get()).toBe('v1');
    let status = engine.status();
    // Read, it would be refused as over 1 MiB: it is only named.
    expect(status.warnings.join('\n')).toContain(`${h.dir}/junk`);
    expect(status.warnings.join('\n')).not.toMatch(/1 MiB/);
    expect(status.errors).toEqual([]);

    const snapshot = readVolume(h.dir, { wanted: (name) => set.has(name) });
    expect(snapshot.entries.get('junk')).toMatchObject({ unread: true, file: `${h.dir}/junk` });
    expect(snapshot.entries.get('junk')?.bytes.length).toBe(0);
    expect(snapshot.entries.get('greeting')?.bytes.toString()).toBe('v1');
    // A link in the version directory to a file there, under an undeclared name: not read either.
    const version = await readlink(join(h.dir, '..data'));
    await writeFile(join(h.dir, version, 'big'), OVER_LIMIT);
    await symlink('big', join(h.dir, version, 'linked'));
    const linked = readVolume(h.dir, { wanted: (name) => set.has(name) });
    expect(linked.entries.get('linked')).toMatchObject({ unread: true });
    expect(linked.refused.size).toBe(0);
    // Every key is read where nothing says which are wanted (dflag diff --against a directory).
    expect(readVolume(h.dir).refused.get('junk')).toMatch(/1 MiB/);

    // A plain directory alike.
    const plain = join(h.dir, 'plain');
    await mkdir(plain);
    await writeFile(join(plain, 'greeting'), 'p1');
    await writeFile(join(plain, 'junk'), OVER_LIMIT);
    const read = readVolume(plain, { wanted: (name) => set.has(name) });
    expect(read.entries.get('junk')).toMatchObject({ unread: true });
    expect(read.refused.size).toBe(0);
    expect(read.entries.get('greeting')?.bytes.toString()).toBe('p1');
    status = engine.status();
    expect(status.generation).toBe(1);
  });

  it('a swap that changes only keys no flag declares changes nothing; a flag declared since reads its key', async () => {
    await writeConfigMapVolume(h.dir, { greeting: 'v1', extra: 'a' });
    const { set, flags } = declareFlags();
    const { engine, reports } = h.engine(set);
    await engine.start();
    const { version } = await writeConfigMapVolume(h.dir, { greeting: 'v1', extra: 'b' });
    await eventually(() => expect(engine.status().version).toBe(version));
    expect(reports).toHaveLength(0);
    expect(engine.status().generation).toBe(1);
    // Declared now: the next version reads it, as a key whose content is new.
    const extra = set.declare(
      'extra',
      flag.string({ default: '', description: '', dynamic: true }),
    );
    await writeConfigMapVolume(h.dir, { greeting: 'v1', extra: 'b', other: '1' });
    await eventually(() => expect(extra.get()).toBe('b'));
    expect(flags.greeting.get()).toBe('v1');
  });
});
