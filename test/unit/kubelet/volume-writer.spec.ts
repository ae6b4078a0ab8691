import { mkdir, readdir, readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeConfigMapVolume } from '../../../lib/testing/index.js';
import { describeEntries } from '../../utils/describe-entries.js';
import { makeTempDir, removeTempDir } from '../../utils/temp-dir.js';

const TIMESTAMPED = /^\.\.\d{4}_\d{2}_\d{2}_\d{2}_\d{2}_\d{2}\.\d{1,10}$/;

describe('writeConfigMapVolume', () => {
  let root: string;
  let dir: string;

  beforeEach(async () => {
    root = await makeTempDir();
    dir = join(root, 'vol');
  });

  afterEach(async () => {
    await removeTempDir(root);
  });

  it('creates a missing directory and lays out a first version as kubelet does', async () => {
    const result = await writeConfigMapVolume(dir, {
      greeting: 'hello',
      '.env': 'A=1',
      blob: new Uint8Array([0, 1, 255]),
      script: { data: '#!/bin/sh\n', mode: 0o755 },
      secret: { data: 's', mode: 0o400 },
    });

    expect(result.changed).toBe(true);
    expect(result.previous).toBeUndefined();
    expect(result.orphan).toBeUndefined();
    expect(result.version).toMatch(TIMESTAMPED);
    expect(result.created).toEqual(['.env', 'blob', 'greeting', 'script', 'secret']);
    expect(result.removed).toEqual([]);
    const v = result.version!;
    expect(await describeEntries(dir)).toEqual(
      [
        '.env -> ..data/.env',
        `${v}/ 755`,
        `${v}/.env 644`,
        `${v}/blob 644`,
        `${v}/greeting 644`,
        `${v}/script 755`,
        `${v}/secret 400`,
        `..data -> ${v}`,
        'blob -> ..data/blob',
        'greeting -> ..data/greeting',
        'script -> ..data/script',
        'secret -> ..data/secret',
      ].sort(),
    );
    expect(await readFile(join(dir, 'greeting'), 'utf8')).toBe('hello');
    expect([...(await readFile(join(dir, 'blob')))]).toEqual([0, 1, 255]);
  });

  it('writes into an existing empty directory', async () => {
    await mkdir(dir);
    const result = await writeConfigMapVolume(dir, { a: '1' });
    expect(await describeEntries(dir)).toEqual([
      `${result.version}/ 755`,
      `${result.version}/a 644`,
      `..data -> ${result.version}`,
      'a -> ..data/a',
    ]);
  });

  it('projects nested item paths with only the first component user-visible', async () => {
    const result = await writeConfigMapVolume(dir, {
      'conf/app/settings.json': '{}',
      'conf/log.level': 'info',
      top: 'x',
    });
    const v = result.version!;
    expect(result.created).toEqual(['conf', 'top']);
    expect(await describeEntries(dir)).toEqual([
      `${v}/ 755`,
      `${v}/conf/ 755`,
      `${v}/conf/app/ 755`,
      `${v}/conf/app/settings.json 644`,
      `${v}/conf/log.level 644`,
      `${v}/top 644`,
      `..data -> ${v}`,
      'conf -> ..data/conf',
      'top -> ..data/top',
    ]);
    expect(await readFile(join(dir, 'conf/app/settings.json'), 'utf8')).toBe('{}');
  });

  it('swaps to a new version on a change, adding and removing per-key symlinks', async () => {
    const first = await writeConfigMapVolume(dir, { kept: 'same', changed: 'old', dropped: 'x' });
    const keptBefore = await stat(join(dir, first.version!, 'kept'));

    const second = await writeConfigMapVolume(dir, { kept: 'same', changed: 'new', added: 'y' });

    expect(second).toEqual({
      changed: true,
      version: expect.stringMatching(TIMESTAMPED),
      previous: first.version,
      orphan: undefined,
      created: ['added'],
      removed: ['dropped'],
    });
    expect(second.version).not.toBe(first.version);
    const v = second.version!;
    expect(await describeEntries(dir)).toEqual([
      `${v}/ 755`,
      `${v}/added 644`,
      `${v}/changed 644`,
      `${v}/kept 644`,
      `..data -> ${v}`,
      'added -> ..data/added',
      'changed -> ..data/changed',
      'kept -> ..data/kept',
    ]);
    expect(await readFile(join(dir, 'changed'), 'utf8')).toBe('new');
    // Every key is rewritten, changed or not.
    expect((await stat(join(dir, 'kept'))).ino).not.toBe(keptBefore.ino);
  });

  it('swaps when a key is only removed', async () => {
    const first = await writeConfigMapVolume(dir, { a: '1', b: '2' });
    const second = await writeConfigMapVolume(dir, { a: '1' });
    expect(second.changed).toBe(true);
    expect(second.removed).toEqual(['b']);
    expect(await describeEntries(dir)).toEqual([
      `${second.version}/ 755`,
      `${second.version}/a 644`,
      `..data -> ${second.version}`,
      'a -> ..data/a',
    ]);
    expect(second.previous).toBe(first.version);
  });

  it('swaps when a nested path is removed, keeping the shared top-level symlink', async () => {
    await writeConfigMapVolume(dir, { 'conf/a': '1', 'conf/b': '2' });
    const second = await writeConfigMapVolume(dir, { 'conf/a': '1' });
    expect(second).toMatchObject({ changed: true, created: [], removed: [] });
    expect(await describeEntries(dir)).toEqual([
      `${second.version}/ 755`,
      `${second.version}/conf/ 755`,
      `${second.version}/conf/a 644`,
      `..data -> ${second.version}`,
      'conf -> ..data/conf',
    ]);
  });

  it('lays out an all-keys-removed payload as an empty version and no per-key entries', async () => {
    await writeConfigMapVolume(dir, { a: '1' });
    const second = await writeConfigMapVolume(dir, {});
    expect(second).toMatchObject({ changed: true, removed: ['a'] });
    expect(await describeEntries(dir)).toEqual([
      `${second.version}/ 755`,
      `..data -> ${second.version}`,
    ]);
  });

  it('touches nothing when no value changed', async () => {
    const first = await writeConfigMapVolume(dir, { a: '1', b: new Uint8Array([7]) });
    const versionBefore = await stat(join(dir, first.version!));
    const fileBefore = await stat(join(dir, first.version!, 'a'));
    const entriesBefore = await describeEntries(dir);

    const second = await writeConfigMapVolume(dir, { a: '1', b: Buffer.from([7]) });

    expect(second).toEqual({
      changed: false,
      version: first.version,
      previous: first.version,
      orphan: undefined,
      created: [],
      removed: [],
    });
    expect(await describeEntries(dir)).toEqual(entriesBefore);
    const versionAfter = await stat(join(dir, first.version!));
    expect(versionAfter.ino).toBe(versionBefore.ino);
    expect(versionAfter.mtimeMs).toBe(versionBefore.mtimeMs);
    const fileAfter = await stat(join(dir, first.version!, 'a'));
    expect(fileAfter.ino).toBe(fileBefore.ino);
    expect(fileAfter.mtimeMs).toBe(fileBefore.mtimeMs);
  });

  it('treats a change of mode alone as no change, like kubelet', async () => {
    const first = await writeConfigMapVolume(dir, { a: '1' });
    const second = await writeConfigMapVolume(dir, { a: { data: '1', mode: 0o600 } });
    expect(second.changed).toBe(false);
    expect((await stat(join(dir, first.version!, 'a'))).mode & 0o777).toBe(0o644);
  });

  it('re-creates a missing per-key symlink on a no-op write', async () => {
    const first = await writeConfigMapVolume(dir, { a: '1', b: '2' });
    await rm(join(dir, 'b'));

    const second = await writeConfigMapVolume(dir, { a: '1', b: '2' });

    expect(second).toMatchObject({ changed: false, version: first.version, created: ['b'] });
    expect(await readlink(join(dir, 'b'))).toBe('..data/b');
    expect(await readFile(join(dir, 'b'), 'utf8')).toBe('2');
  });

  it('swaps to a new version with the same content when forced', async () => {
    const first = await writeConfigMapVolume(dir, { a: '1' });
    const second = await writeConfigMapVolume(dir, { a: '1' }, { forceSwap: true });
    expect(second).toMatchObject({ changed: true, previous: first.version, created: [] });
    expect(second.version).not.toBe(first.version);
    expect(await describeEntries(dir)).toEqual([
      `${second.version}/ 755`,
      `${second.version}/a 644`,
      `..data -> ${second.version}`,
      'a -> ..data/a',
    ]);
  });

  it('leaves an orphan version and ..data unchanged when failing before the swap', async () => {
    const first = await writeConfigMapVolume(dir, { a: '1', b: '2' });
    const before = await describeEntries(dir);

    const failed = await writeConfigMapVolume(dir, { a: '9', c: '3' }, { failBeforeSwap: true });

    expect(failed).toEqual({
      changed: false,
      version: first.version,
      previous: first.version,
      orphan: expect.stringMatching(TIMESTAMPED),
      created: [],
      removed: [],
    });
    const o = failed.orphan!;
    expect(await describeEntries(dir)).toEqual(
      [...before, `${o}/ 755`, `${o}/a 644`, `${o}/c 644`].sort(),
    );
    expect(await readFile(join(dir, 'a'), 'utf8')).toBe('1');

    // The next write swaps normally; like kubelet, it leaves the orphan alone.
    const next = await writeConfigMapVolume(dir, { a: '9', c: '3' });
    expect(next).toMatchObject({ changed: true, previous: first.version, removed: ['b'] });
    expect(await readdir(dir)).toContain(o);
    expect(await readdir(dir)).not.toContain(first.version);
  });

  it('keeps the layout with the fsGroup walk', async () => {
    await writeConfigMapVolume(dir, { a: '1' });
    const second = await writeConfigMapVolume(
      dir,
      { a: '2' },
      { fsGroup: true, fsGroupDelayMs: 5 },
    );
    expect(second.changed).toBe(true);
    expect(await describeEntries(dir)).toEqual([
      `${second.version}/ 755`,
      `${second.version}/a 644`,
      `..data -> ${second.version}`,
      'a -> ..data/a',
    ]);
    // Kubelet's chmod of a read-only volume: directories gain setgid and group r-x, files group r.
    const mode = async (path: string) => (await stat(join(dir, path))).mode & 0o7777;
    expect(await mode('.')).toBe(0o2755);
    expect(await mode(second.version!)).toBe(0o2755);
    expect(await mode(`${second.version}/a`)).toBe(0o644);
  });

  it('names every version directory ..YYYY_MM_DD_hh_mm_ss.<1-10 digits> in UTC', async () => {
    const before = new Date();
    const { version } = await writeConfigMapVolume(dir, { a: '1' });
    const match = /^\.\.(\d{4})_(\d{2})_(\d{2})_(\d{2})_(\d{2})_(\d{2})\.\d{1,10}$/.exec(version!);
    expect(match).not.toBeNull();
    const [, y, mo, d, h, mi, s] = match!.map(Number);
    const stamped = Date.UTC(y!, mo! - 1, d, h, mi, s);
    expect(stamped).toBeGreaterThanOrEqual(Math.floor(before.getTime() / 1000) * 1000);
    expect(stamped).toBeLessThanOrEqual(Date.now());
  });

  it('refuses invalid paths, listing every problem, before touching the disk', async () => {
    await writeConfigMapVolume(dir, { a: '1' });
    const before = await describeEntries(dir);

    const attempt = writeConfigMapVolume(dir, {
      ok: '1',
      '..hidden': 'x',
      '/etc/passwd': 'x',
      'a/../b': 'x',
      'sp ace': 'x',
      'x/': 'x',
      '.': 'x',
      ['k'.repeat(254)]: 'x',
      bad: { data: 'x', mode: 0o1777 },
    });

    await expect(attempt).rejects.toThrow(
      [
        `Refused to write volume ${dir} (nothing was written):`,
        '  - path ".": must not contain a "." component',
        '  - path "..hidden": "..hidden" must not start with ".." (kubelet reserves those names)',
        '  - path "/etc/passwd": must be a relative path (no leading "/")',
        '  - path "a/../b": must not contain a ".." component',
        '  - path "bad": mode 1023 is not an integer between 0 and 0o777',
        `  - path "${'k'.repeat(254)}": "kkkkkkkkkkkkkkkkkkkk"... must be at most 253 bytes`,
        '  - path "sp ace": "sp ace" must consist of letters, digits, "-", "_" or "." ([-._a-zA-Z0-9]+)',
        '  - path "x/": must not contain an empty component (leading, trailing or doubled "/")',
      ].join('\n'),
    );
    expect(await describeEntries(dir)).toEqual(before);
  });

  it('refuses a path that is both a file and a directory', async () => {
    await expect(writeConfigMapVolume(dir, { a: '1', 'a/b': '2' })).rejects.toThrow(
      'path "a" is a file, but "a/b" needs it to be a directory',
    );
    await expect(stat(dir)).rejects.toThrow(/ENOENT/);
  });

  it('refuses a directory whose ..data is not a symlink', async () => {
    await mkdir(join(dir, '..data'), { recursive: true });
    await writeFile(join(dir, 'a'), 'plain');
    await expect(writeConfigMapVolume(dir, { a: '1' })).rejects.toThrow(
      `${join(dir, '..data')} exists but is not a symlink`,
    );
    expect((await readdir(dir)).sort()).toEqual(['..data', 'a']);
  });
});
