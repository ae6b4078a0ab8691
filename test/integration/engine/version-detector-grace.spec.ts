import { mkdtemp, mkdir, readlink, rename, rm, symlink, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runToEnd, TimeSlice } from '../../../lib/configmap/time-slice.util.js';
import { VersionDetector } from '../../../lib/configmap/version-detector.js';
import type { Detection } from '../../../lib/configmap/version-detector.js';
import { writeConfigMapVolume } from '../../../lib/testing/index.js';

/**
 * The 2 s grace of a layout caught mid-change, episode by episode: a flip that came back to the
 * version processed ends its episode, so that a later flip gets its own 2 s (the grace was
 * counted from the first flip: a second `..data` loss minutes later was concluded at once, a
 * re-created empty directory read as emptied at once). A real directory, the clock faked alone.
 */
describe('VersionDetector: the grace of a change in progress', () => {
  let root: string;
  let dir: string;
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    root = await mkdtemp(join(tmpdir(), 'dflag-grace-'));
    dir = join(root, 'vol');
    await writeConfigMapVolume(dir, { greeting: 'v1' });
  });
  afterEach(async () => {
    vi.useRealTimers();
    await rm(root, { recursive: true, force: true });
  });

  const detectIn = (detector: VersionDetector): Detection =>
    runToEnd(detector.detect('kubelet', TimeSlice.endless()));

  const processedDetector = (): VersionDetector => {
    const detector = new VersionDetector(dir);
    const found = detectIn(detector);
    expect(found.kind).toBe('new');
    if (found.kind === 'new') detector.processed(found.snapshot);
    return detector;
  };

  it('..data lost and back to the same version, then lost again later: a new 2 s', async () => {
    const detector = processedDetector();
    const data = join(dir, '..data');
    const target = await readlink(data);
    await unlink(data);
    expect(detectIn(detector).kind).toBe('transient');
    await symlink(target, data);
    expect(detectIn(detector).kind).toBe('unchanged');
    vi.advanceTimersByTime(5_000);
    await unlink(data);
    // Counted from the first loss, this one was concluded at once (read as a broken layout).
    expect(detectIn(detector).kind).toBe('transient');
    vi.advanceTimersByTime(2_100);
    expect(detectIn(detector).kind).toBe('new');
  });

  it('the directory replaced by an empty one and back, then replaced again later: a new 2 s', async () => {
    const detector = processedDetector();
    const away = join(root, 'away');
    await rename(dir, away);
    await mkdir(dir);
    expect(detectIn(detector).kind).toBe('transient');
    await rm(dir, { recursive: true });
    await rename(away, dir);
    expect(detectIn(detector).kind).toBe('unchanged');
    vi.advanceTimersByTime(5_000);
    await rename(dir, away);
    await mkdir(dir);
    // Counted from the first flip, this one was read as an emptied volume at once.
    expect(detectIn(detector).kind).toBe('transient');
    vi.advanceTimersByTime(2_100);
    expect(detectIn(detector).kind).toBe('new');
  });
});
