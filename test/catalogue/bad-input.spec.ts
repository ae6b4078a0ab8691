import { execFile } from 'node:child_process';
import { mkdir, rename, rm, symlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ConfigMapEngine } from '../../lib/configmap/configmap-engine.js';
import { writeConfigMapVolume } from '../../lib/testing/index.js';
import { eventually } from '../utils/eventually.js';
import { declareFlags, Harness } from '../integration/engine/engine-fixture.js';

const run = promisify(execFile);

/**
 * The bad-input catalogue: each case puts one bad entry into a running
 * volume that already holds good values, and checks what a user relies on —
 * a clear error naming the flag and the file, the flag's last good value
 * kept, the other keys still applied, the process alive and still following
 * the ConfigMap afterwards. (Permission denied is checked for real, as an
 * unprivileged user, in test/integration/engine/engine-unreadable.spec.ts.)
 */
interface Case {
  /** What the case is. */
  readonly name: string;
  /** The flag the bad entry is for. */
  readonly flag: 'greeting' | 'rate' | 'policy';
  /** The bad value, written by the kubelet writer ... */
  readonly payload?: Record<string, string | Uint8Array>;
  /** ... or what spoils the flag's entry in a version directory before the swap to it. */
  readonly spoil?: (entry: string) => Promise<void>;
  /** What the error says after `Flag "<flag>" …` (a substring). */
  readonly says: string;
}

const sockets: Server[] = [];

const cases: Case[] = [
  {
    name: 'invalid UTF-8',
    flag: 'greeting',
    payload: { greeting: new Uint8Array([0x68, 0xff, 0xfe, 0x69]) },
    says: 'not valid UTF-8',
  },
  {
    name: 'a value over 1 MiB',
    flag: 'greeting',
    payload: { greeting: 'x'.repeat(1024 * 1024 + 10) },
    says: 'cannot exceed 1048576 bytes',
  },
  {
    name: 'JSON nested 100 000 deep',
    flag: 'policy',
    payload: { policy: '['.repeat(100_000) + ']'.repeat(100_000) },
    says: 'nested',
  },
  {
    name: 'a __proto__ key in JSON',
    flag: 'policy',
    payload: { policy: '{"__proto__": {"polluted": true}}' },
    says: 'holds the key __proto__, constructor or prototype',
  },
  {
    name: 'a constructor.prototype key in JSON',
    flag: 'policy',
    payload: { policy: '{"a": {"constructor": {"prototype": {"polluted": true}}}}' },
    says: 'against prototype pollution',
  },
  {
    name: 'a number out of range',
    flag: 'rate',
    payload: { rate: '99999999999999999999999' },
    says: 'rate',
  },
  {
    name: 'a FIFO',
    flag: 'greeting',
    spoil: (entry) => run('mkfifo', [entry]).then(() => undefined),
    says: 'a FIFO is not a flag value',
  },
  {
    name: 'a socket',
    flag: 'greeting',
    spoil: async (entry) => {
      const server = createServer();
      sockets.push(server);
      await new Promise<void>((resolve) => server.listen(entry, resolve));
    },
    says: 'a socket is not a flag value',
  },
  {
    name: 'a device',
    flag: 'greeting',
    spoil: (entry) => run('mknod', [entry, 'c', '1', '3']).then(() => undefined),
    says: 'a device is not a flag value',
  },
  {
    name: 'a subdirectory',
    flag: 'greeting',
    spoil: (entry) => mkdir(entry),
    says: 'a subdirectory is not a flag value',
  },
  {
    name: 'a dangling symlink',
    flag: 'greeting',
    spoil: (entry) => symlink('gone', entry),
    says: 'is a symlink to gone, which does not exist',
  },
  {
    name: 'a symlink escaping the volume',
    flag: 'greeting',
    spoil: (entry) => symlink('/etc/hostname', entry),
    says: 'its real path leaves the volume',
  },
];

describe('the bad-input catalogue (a running kubelet volume)', () => {
  const h = new Harness();
  beforeEach(() => h.setup());
  afterEach(async () => {
    for (const server of sockets.splice(0)) server.close();
    await h.teardown();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it.each(cases)('$name: refused naming flag and file, last good value kept', async (c) => {
    await writeConfigMapVolume(h.dir, { greeting: 'good', rate: '1', policy: '{"allow":true}' });
    const { set, flags } = declareFlags();
    const { engine, reports } = h.engine(set, { resyncInterval: 50 });
    await engine.start();
    const before = { greeting: 'good', rate: 1, policy: { allow: true } };

    const good = { greeting: 'good', rate: '2', policy: '{"allow":true}' };
    if (c.payload) await writeConfigMapVolume(h.dir, { ...good, ...c.payload });
    else {
      await swapToStaged(h.dir, 'bad', good, async (versionDir) => {
        await rm(join(versionDir, c.flag));
        await c.spoil!(join(versionDir, c.flag));
      });
    }
    await eventually(() => expect(reports.length).toBeGreaterThan(0));
    const errors = engine.status().errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`Flag "${c.flag}"`);
    expect(errors[0]).toContain(`${h.dir}/${c.flag}`);
    expect(errors[0]).toContain(c.says);
    expect(flags[c.flag].get()).toEqual(before[c.flag]);
    if (c.flag !== 'rate') expect(flags.rate.get()).toBe(2); // the other keys applied

    // Still alive and following the ConfigMap. (Swapped to rather than written over: kubelet's
    // writer would itself read the spoiled entry to compare it, and block on a FIFO.)
    await swapToStaged(h.dir, 'after', { greeting: 'after', rate: '3', policy: '{"allow":false}' });
    await eventually(() => expect(flags.greeting.get()).toBe('after'));
    expect(engine.status()).toMatchObject({ lastResult: 'applied', errors: [] });
  });
});

/**
 * swapToStaged writes a version beside the live one (under a `..` name, which
 * the engine never reads), lets `spoil` damage it, then swaps `..data` to it
 * atomically, as kubelet does.
 */
async function swapToStaged(
  dir: string,
  name: string,
  payload: Record<string, string>,
  spoil?: (versionDir: string) => Promise<void>,
): Promise<void> {
  const staging = join(dir, `..staging-${name}`);
  const { version } = await writeConfigMapVolume(staging, payload);
  const versionDir = join(staging, version!);
  if (spoil) await spoil(versionDir);
  await symlink(join(`..staging-${name}`, version!), join(dir, '..data_tmp'));
  await rename(join(dir, '..data_tmp'), join(dir, '..data'));
}

describe('the bad-input catalogue (the directory itself)', () => {
  const h = new Harness();
  beforeEach(() => h.setup());
  afterEach(() => h.teardown());

  it('thousands of files: every key read, unknown ones logged once per version in one line', async () => {
    const payload: Record<string, string> = { greeting: 'many', rate: '4' };
    for (let i = 0; i < 3000; i++) payload[`unknown_${String(i).padStart(4, '0')}`] = `v${i}`;
    await writeConfigMapVolume(h.dir, payload);
    const { set, flags } = declareFlags();
    const { engine, logger } = h.engine(set);
    await engine.initialize();
    expect([flags.greeting.get(), flags.rate.get()]).toEqual(['many', 4]);
    const unknownLines = logger.lines.filter((l) => l.includes('nknown key'));
    expect(unknownLines).toHaveLength(1);
    expect(unknownLines[0]).toContain('3000 unknown keys');
  });

  it('the directory missing at start is an error naming it; deleted and re-created it is followed again', async () => {
    const path = join(h.dir, 'vol');
    const { set, flags } = declareFlags();
    await expect(
      new ConfigMapEngine({
        path,
        flagSet: set,
        logger: { log() {}, warn() {}, error() {} },
      }).initialize(),
    ).rejects.toThrow(`The ConfigMap directory ${path} does not exist`);
    await writeConfigMapVolume(path, { greeting: 'one' });
    const { engine } = h.engine(set, { path, resyncInterval: 50 });
    await engine.start();
    await rm(path, { recursive: true });
    await eventually(() => expect(engine.status().directoryMissing).toBe(true));
    expect(flags.greeting.get()).toBe('one');
    await writeConfigMapVolume(path, { greeting: 'two' });
    await eventually(() => expect(flags.greeting.get()).toBe('two'));
  });
});
