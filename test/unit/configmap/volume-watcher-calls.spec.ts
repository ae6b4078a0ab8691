import fs from 'node:fs';
import { mkdirSync, realpathSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { ConfigMapEngine } from '../../../lib/configmap/configmap-engine.js';
import { defineFlags, flag, FlagSet } from '../../../lib/index.js';
import { writeConfigMapVolume } from '../../../lib/testing/index.js';
import { KubeletProcess } from '../../torture/kubelet-process.js';
import { eventually } from '../../utils/eventually.js';
import { makeTempDir, removeTempDir } from '../../utils/temp-dir.js';

const KEYS = 50;
const WATCHED = ['lstat', 'stat', 'realpath', 'readdir', 'readlink'] as const;

/**
 * countAsyncCalls counts the asynchronous fs calls (chokidar's; the engine's own reads are
 * synchronous) on paths inside `dir`, by wrapping `fs.promises` and re-syncing the builtin's
 * ESM exports, so that chokidar's named imports call the wrappers too.
 */
function countAsyncCalls(dir: string): { calls: string[]; restore: () => void } {
  const calls: string[] = [];
  const promises = fs.promises as unknown as Record<string, (...args: unknown[]) => unknown>;
  const originals = WATCHED.map((name) => [name, promises[name]] as const);
  for (const [name, original] of originals) {
    promises[name] = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].startsWith(dir)) calls.push(`${name} ${args[0]}`);
      return original?.apply(fs.promises, args);
    };
  }
  syncBuiltinESMExports();
  return {
    calls,
    restore: () => {
      for (const [name, original] of originals) promises[name] = original as never;
      syncBuiltinESMExports();
    },
  };
}

describe('the mount directory watcher', () => {
  let root: string;

  beforeEach(async () => {
    root = realpathSync(await makeTempDir('dflag-watch-calls-'));
  });
  afterEach(async () => {
    await removeTempDir(root);
  });

  it('takes each kubelet swap as a hint without listing the directory or touching a per-key symlink', async () => {
    const dir = join(root, 'vol');
    const payload = (i: number): Record<string, string> =>
      Object.fromEntries(Array.from({ length: KEYS }, (_, k) => [`key_${k}`, `${i}`]));
    await writeConfigMapVolume(dir, payload(0));
    const set = new FlagSet('watch-calls');
    const specs: Record<string, ReturnType<typeof flag.int>> = {};
    for (let k = 0; k < KEYS; k++)
      specs[`key_${k}`] = flag.int({ default: -1, description: '', dynamic: true });
    const flags = defineFlags(specs, set);
    const engine = new ConfigMapEngine({ path: dir, flagSet: set, resyncInterval: 0 });
    mkdirSync(join(root, 'writer'));
    const kubelet = await KubeletProcess.start(join(root, 'writer'), dir, () => undefined);
    const counted = countAsyncCalls(dir);
    try {
      await engine.start();
      for (let i = 1; i <= 5; i++) {
        await kubelet.write({ index: i, payload: payload(i), fsGroup: i % 2 === 0 } as never);
        // Every version still arrives, through the directory's events alone.
        await eventually(() => expect(flags.key_0?.get()).toBe(i));
      }
      expect(flags[`key_${KEYS - 1}`]?.get()).toBe(5);
      expect(counted.calls).toEqual([]);
    } finally {
      counted.restore();
      await kubelet.stop();
      await engine.stop();
    }
  });
});
