import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { applyLockPath, withApplyLock } from '../../../lib/cli/apply-lock.util.js';
import { runCli } from '../../../lib/cli/run-cli.js';
import { captureIo } from '../../utils/capture-io.js';
import { makeTempDir, removeTempDir } from '../../utils/temp-dir.js';

/** A ConfigMap of `count` keys, one of them (`only_<tag>`) its own. */
const manifest = (tag: string, count: number): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${tag}\ndata:\n  only_${tag}: "1"\n${Array.from(
    { length: count },
    (_, i) => `  k${i}: "${tag}-${i}"\n`,
  ).join('')}`;

describe('dflag apply: one write of a directory at a time, as kubelet', () => {
  let root: string;
  beforeEach(async () => {
    root = await makeTempDir();
  });
  afterEach(async () => {
    await removeTempDir(root);
  });

  it('two applies at once leave one whole version: no orphan version, every link resolving', async () => {
    await writeFile(join(root, 'a.yaml'), manifest('a', 2000));
    await writeFile(join(root, 'b.yaml'), manifest('b', 2000));
    const ios = [captureIo(root), captureIo(root)];
    const codes = await Promise.all([
      runCli(['apply', '-f', 'a.yaml', '--dir', 'vol'], ios[0]!),
      runCli(['apply', '-f', 'b.yaml', '--dir', 'vol'], ios[1]!),
    ]);
    expect(codes, ios.map((io) => io.err).join('')).toEqual([0, 0]);
    const vol = join(root, 'vol');
    const names = readdirSync(vol);
    expect(names.filter((n) => n.startsWith('..2'))).toHaveLength(1);
    expect(names).not.toContain('..data_tmp');
    const version = readlinkSync(join(vol, '..data'));
    const keys = names.filter((n) => !n.startsWith('.'));
    for (const key of keys) expect(existsSync(join(vol, key)), key).toBe(true);
    expect(keys.sort()).toEqual(readdirSync(join(vol, version)).sort());
    expect(keys).toHaveLength(2001);
    expect(existsSync(applyLockPath(realpathSync(vol)))).toBe(false);
  });

  it('takes over the lock of a process that no longer runs; waits, then names the one that does', async () => {
    const dir = join(root, 'vol');
    const dead = Number(
      execFileSync(process.execPath, ['-p', 'process.pid'], { encoding: 'utf8' }),
    );
    await writeFile(applyLockPath(dir), `${dead}\n`);
    await expect(withApplyLock(dir, async () => 'written')).resolves.toBe('written');
    expect(existsSync(applyLockPath(dir))).toBe(false);

    await writeFile(applyLockPath(dir), `${process.pid}\n`);
    await expect(withApplyLock(dir, async () => 'written', 100)).rejects.toThrow(
      `another dflag apply is writing ${dir} (process ${process.pid}) and still was after 0.1 s: wait for it, or remove ${applyLockPath(dir)} if no apply runs`,
    );
    expect(await readFile(applyLockPath(dir), 'utf8')).toBe(`${process.pid}\n`);
  });

  it('a stale lock is removed only under its breaker: never while another apply breaks it, and a dead breaker is removed', async () => {
    const dir = join(root, 'vol');
    const dead = Number(
      execFileSync(process.execPath, ['-p', 'process.pid'], { encoding: 'utf8' }),
    );
    const breaker = `${applyLockPath(dir)}.break`;
    await writeFile(applyLockPath(dir), `${dead}\n`);
    // Another apply (a live process) is breaking the stale lock: this one waits, and removes nothing.
    await writeFile(breaker, `${process.pid}\n`);
    await expect(withApplyLock(dir, async () => 'written', 100)).rejects.toThrow(
      `another dflag apply is writing ${dir} (process ${dead})`,
    );
    expect(await readFile(applyLockPath(dir), 'utf8')).toBe(`${dead}\n`);
    // The breaker's holder died too: its breaker is removed, then the stale lock.
    await writeFile(breaker, `${dead}\n`);
    await expect(withApplyLock(dir, async () => 'written', 5_000)).resolves.toBe('written');
    expect(existsSync(applyLockPath(dir))).toBe(false);
    expect(existsSync(breaker)).toBe(false);
  });
});
