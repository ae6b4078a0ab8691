import type { FSWatcher } from 'node:fs';
import { watch } from 'node:fs';
import { basename, join } from 'node:path';
import { writeConfigMapVolume } from '../../../lib/testing/index.js';
import { eventually } from '../../utils/eventually.js';
import { makeTempDir, removeTempDir } from '../../utils/temp-dir.js';

type WatchEvent = readonly [type: string, filename: string];

/**
 * These tests pin the order of the events a non-recursive `fs.watch` of the volume reports, the
 * sequence KUBELET.md traced from kubelet. On Linux, libuv reports IN_ATTRIB on a directory as
 * 'rename' (the IN_ISDIR bit) and on a symlink as 'change'.
 */
describe('writeConfigMapVolume as seen by fs.watch', () => {
  let root: string;
  let dir: string;
  let watcher: FSWatcher | undefined;
  let events: WatchEvent[];

  beforeEach(async () => {
    root = await makeTempDir();
    dir = join(root, 'vol');
    events = [];
  });

  afterEach(async () => {
    watcher?.close();
    watcher = undefined;
    await removeTempDir(root);
  });

  function startWatching(): void {
    watcher = watch(dir, (type, filename) => events.push([type, String(filename)]));
  }

  async function eventsUntil(last: WatchEvent): Promise<WatchEvent[]> {
    await eventually(() => expect(events).toContainEqual(last));
    return events;
  }

  it('reports a change as ..<new>, ..data_tmp, ..data, ..<old>', async () => {
    const first = await writeConfigMapVolume(dir, { a: '1', b: '2' });
    startWatching();

    const second = await writeConfigMapVolume(dir, { a: '2', b: '2' });

    const oldDir = first.version!;
    const newDir = second.version!;
    expect(await eventsUntil(['rename', oldDir])).toEqual([
      ['rename', newDir], // mkdir
      ['rename', newDir], // chmod 0755
      ['rename', '..data_tmp'], // symlink
      ['rename', '..data_tmp'], // rename: moved from
      ['rename', '..data'], // rename: moved to
      ['rename', oldDir], // rm -r
    ]);
  });

  it('reports an added key and a removed key after ..data', async () => {
    const first = await writeConfigMapVolume(dir, { a: '1', b: '2' });
    startWatching();

    const second = await writeConfigMapVolume(dir, { a: '1', c: '3' });

    expect(await eventsUntil(['rename', first.version!])).toEqual([
      ['rename', second.version!],
      ['rename', second.version!],
      ['rename', '..data_tmp'],
      ['rename', '..data_tmp'],
      ['rename', '..data'],
      ['rename', 'c'],
      ['rename', 'b'],
      ['rename', first.version!],
    ]);
  });

  it('reports the fsGroup attribute changes before ..data_tmp', async () => {
    const first = await writeConfigMapVolume(dir, { a: '1', b: '2' });
    startWatching();

    const second = await writeConfigMapVolume(dir, { a: '2', b: '2' }, { fsGroup: true });

    const oldDir = first.version!;
    const newDir = second.version!;
    // The walk gives each entry but a symlink two attribute changes (kubelet's lchown, then its
    // chmod), which inotify merges when they are still queued: repeated events are counted once.
    const once = (events: readonly WatchEvent[]): WatchEvent[] =>
      events.filter((event, i) => i === 0 || event.join() !== events[i - 1]!.join());
    const expected: WatchEvent[] = [
      ['rename', newDir],
      ['rename', newDir],
      // The volume directory itself, then in byte order the two versions by name, ..data and the
      // keys.
      ['rename', basename(dir)],
      ...[oldDir, newDir].sort().map((name): WatchEvent => ['rename', name]),
      ['change', '..data'],
      ['change', 'a'],
      ['change', 'b'],
      ['rename', '..data_tmp'],
      ['rename', '..data_tmp'],
      ['rename', '..data'],
      ['rename', oldDir],
    ];
    expect(once(await eventsUntil(['rename', oldDir]))).toEqual(once(expected));
  });

  it('reports nothing for a write that changes nothing', async () => {
    await writeConfigMapVolume(dir, { a: '1' });
    startWatching();

    await writeConfigMapVolume(dir, { a: '1' });
    // A later, real change is the marker that every earlier event has been delivered.
    const marker = await writeConfigMapVolume(dir, { a: '2' });

    expect((await eventsUntil(['rename', marker.previous!]))[0]).toEqual([
      'rename',
      marker.version,
    ]);
  });

  it('reports only the new directory for a write that fails before the swap', async () => {
    await writeConfigMapVolume(dir, { a: '1' });
    startWatching();

    const failed = await writeConfigMapVolume(dir, { a: '2' }, { failBeforeSwap: true });
    const marker = await writeConfigMapVolume(dir, { a: '3' });

    const seen = await eventsUntil(['rename', marker.previous!]);
    expect(seen.slice(0, 3)).toEqual([
      ['rename', failed.orphan!],
      ['rename', failed.orphan!],
      ['rename', marker.version!],
    ]);
  });
});
