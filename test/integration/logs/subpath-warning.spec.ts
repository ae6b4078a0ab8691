import { join } from 'node:path';
import { ConfigMapEngine } from '../../../lib/index.js';
import { FlagLogWriter } from '../../../lib/logs/flag-log.writer.js';
import { makeAppFlags } from '../../e2e/support/app-flags.js';
import { createVolume, writePlainDir } from '../../e2e/support/volume.js';
import type { TestVolume } from '../../e2e/support/volume.js';

const POD = '/var/lib/kubelet/pods/0d5c7a9e-1c1e-4c3e-9d5b-2f0f6a1e3b7c';

/** A recorded mount table in which `dir`'s key `rate_limit` is a subPath mount (bind mounts cannot be made here). */
const mountinfoWithSubPath = (dir: string): string =>
  [
    '1012 954 0:310 / / rw,relatime - overlay overlay rw',
    `1021 1012 259:1 ${POD}/volume-subpaths/app-config/web/0 ${dir}/rate_limit ro,relatime - ext4 /dev/nvme0n1p1 rw`,
  ].join('\n');

describe('the subPath warning at start', () => {
  let volume: TestVolume;
  const warnings: string[] = [];
  const logger = {
    log: () => undefined,
    warn: (message: string) => void warnings.push(message),
    error: (message: string) => void warnings.push(message),
  };

  beforeEach(async () => {
    warnings.length = 0;
    volume = await createVolume();
  });

  afterEach(() => volume.remove());

  async function bootstrap(mountinfo: string | undefined, kubelet: boolean): Promise<void> {
    if (kubelet) await volume.write({ rate_limit: '10' });
    else await writePlainDir(volume.dir, { rate_limit: '10' });
    const { flagSet } = makeAppFlags();
    const engine = new ConfigMapEngine({ path: volume.dir, flagSet, logger });
    await engine.initialize();
    const writer = new FlagLogWriter(engine, logger, () => mountinfo);
    writer.onApplicationBootstrap();
    writer.onModuleDestroy();
    await engine.stop();
  }

  it('warns when the directory has no ..data and a key is a subPath mount', async () => {
    await bootstrap(mountinfoWithSubPath(volume.dir), false);
    expect(warnings).toEqual([
      `The ConfigMap directory ${volume.dir} has no ..data and ${join(volume.dir, 'rate_limit')} is a subPath mount: kubelet never updates a subPath, so these values stay as they are until the pod restarts. Mount the whole volume (volumeMounts[] without subPath) to follow the ConfigMap`,
    ]);
  });

  it('says nothing for a plain directory without subPath mounts (local development), nor without a mount table', async () => {
    await bootstrap('1012 954 0:310 / / rw,relatime - overlay overlay rw', false);
    await bootstrap(undefined, false);
    expect(warnings).toEqual([]);
  });

  it('says nothing for a kubelet volume (it has ..data)', async () => {
    await bootstrap(mountinfoWithSubPath(volume.dir), true);
    expect(warnings).toEqual([]);
  });
});
