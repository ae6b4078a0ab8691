import { execFile } from 'node:child_process';
import { chmod, chown, symlink, writeFile } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readKeyFile } from '../../../lib/configmap/read-key-file.util.js';
import { writeConfigMapVolume } from '../../../lib/testing/index.js';
import { declareFlags, Harness } from './engine-fixture.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '../../..');
const NOBODY = 65534;

describe('ConfigMapEngine: a key that cannot be read is a refusal of that key', () => {
  const h = new Harness();
  beforeEach(() => h.setup());
  afterEach(() => h.teardown());

  it.skipIf(process.getuid?.() !== 0)(
    'EACCES (a real unprivileged reader): a FlagErrors naming the key at start, startOnInvalid starts, other keys keep applying, logged once',
    async () => {
      await writeFile(join(h.dir, 'greeting'), 'one');
      await writeFile(join(h.dir, 'rate'), '5');
      await chmod(join(h.dir, 'rate'), 0o000);
      // The unprivileged reader may list and stat the directory and write `greeting`.
      await chmod(h.dir, 0o777);
      await chown(join(h.dir, 'greeting'), NOBODY, NOBODY);
      const { stdout } = await run(
        process.execPath,
        [join(root, 'test/fixtures/unreadable-key.mjs'), h.dir],
        { uid: NOBODY, gid: NOBODY, cwd: '/' },
      );
      const out = JSON.parse(stdout) as {
        strict: { name: string; message: string };
        lenientStart: unknown;
        running: unknown;
        status: { lastResult: string; errors: string[] };
        lines: string[];
      };
      const refusal = `Flag "rate": ${h.dir}/rate cannot be read (EACCES: permission denied); keeping its last value`;
      expect(out.strict.name).toBe('FlagErrors');
      expect(out.strict.message).toContain(refusal);
      expect(out.lenientStart).toEqual({ greeting: 'one', rate: 10 });
      expect(out.running).toEqual({ greeting: 'changed', rate: 10 });
      expect(out.status).toMatchObject({ lastResult: 'partial', errors: [refusal] });
      // Logged once at the lenient start and once for the changed version; never per periodic
      // check (the strict start throws it to its caller instead).
      expect(out.lines.filter((l) => l.includes('cannot be read')).length).toBe(2);
    },
  );

  it.skipIf(process.getuid?.() !== 0)(
    'a mount that cannot be searched (EACCES on ..data): the version is rejected with the reason, the layout and versions seen are kept',
    async () => {
      const written = await writeConfigMapVolume(h.dir, { rate: '5' });
      await chown(h.dir, NOBODY, NOBODY);
      const { stdout } = await run(
        process.execPath,
        [join(root, 'test/fixtures/unsearchable-volume.mjs'), h.dir],
        { uid: NOBODY, gid: NOBODY, cwd: '/' },
      );
      const out = JSON.parse(stdout) as Record<string, Record<string, unknown>>;
      const seen = { layout: 'kubelet', version: written.version, latestVersion: written.version };
      expect(out['before']).toMatchObject({ ...seen, lastResult: 'applied' });
      const reason = `The ConfigMap directory ${h.dir} cannot be read (EACCES: permission denied); keeping the last values`;
      expect(out['reload']).toEqual({ result: 'rejected', errors: [reason] });
      expect(out['unsearchable']).toEqual({
        ...seen,
        lastResult: 'rejected',
        errors: [reason],
        rate: 5,
      });
      expect(out['back']).toMatchObject({ ...seen, result: 'applied', lastResult: 'applied' });
    },
  );

  it.skipIf(process.getuid?.() !== 0)(
    'a mount that cannot be searched nor watched from the start: the status says periodic, the watch error and an unknown layout, not events',
    async () => {
      await writeConfigMapVolume(h.dir, { rate: '5' });
      await chmod(h.dir, 0o700); // root's: the unprivileged engine can neither search nor watch it
      const { stdout } = await run(
        process.execPath,
        [join(root, 'test/fixtures/unsearchable-at-start.mjs'), h.dir],
        { uid: NOBODY, gid: NOBODY, cwd: '/' },
      );
      expect(JSON.parse(stdout)).toEqual({
        layout: 'unknown',
        directoryMissing: false,
        watchMode: 'periodic',
        watcherError: `EACCES: permission denied, watch '${h.dir}'`,
        lastResult: 'rejected',
      });
    },
  );

  it('readKeyFile never blocks on a FIFO, even one reached where a regular file was expected', async () => {
    const fifo = join(h.dir, 'fifo');
    await run('mkfifo', [fifo]);
    expect(readKeyFile(fifo, 1024)).toEqual({ refused: 'a FIFO' });
  });

  it.skipIf(!existsSync('/proc/kallsyms') || statSync('/proc/kallsyms').size !== 0)(
    'a symlinked file whose stat size is 0 (/proc) cannot bypass the 1 MiB limit',
    async () => {
      await symlink('/proc/kallsyms', join(h.dir, 'greeting'));
      const { set, flags } = declareFlags();
      const { engine } = h.engine(set, { startOnInvalid: true });
      await engine.initialize();
      expect(flags.greeting.get()).toBe('hello');
      expect(engine.status().errors).toEqual([
        `Flag "greeting": ${h.dir}/greeting is over 1048576 bytes: a ConfigMap value cannot exceed 1048576 bytes (1 MiB); keeping its last value`,
      ]);
    },
  );
});
