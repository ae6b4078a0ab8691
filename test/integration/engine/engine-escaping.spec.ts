import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Harness, declareFlags } from './engine-fixture.js';

/** Characters that must never reach a log line raw: C0/C1 controls, DEL, bidi controls, line separators. */
// eslint-disable-next-line no-control-regex -- the very characters under test
const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

describe('ConfigMapEngine: text from the volume cannot forge log lines', () => {
  const h = new Harness();
  beforeEach(() => h.setup());
  afterEach(() => h.teardown());

  it('file names with a newline or bidi controls, and values with them, are escaped in every message', async () => {
    // Whoever can write a plain directory chooses the names and the content.
    const forged = 'evil\nerror Flag "rate" from configmap: forged entry';
    const bidi = 'report\u202egnp.exe';
    await writeFile(join(h.dir, forged), '1');
    await writeFile(join(h.dir, bidi), '1');
    await mkdir(join(h.dir, 'sub\ndir'));
    await writeFile(join(h.dir, 'rate'), '7\nerror forged\u2066 too');
    const { set, flags } = declareFlags();
    const { engine, logger } = h.engine(set, { startOnInvalid: true });
    await engine.initialize();

    expect(flags.rate.get()).toBe(10); // refused, on its default
    expect(logger.lines.length).toBe(4); // two unknown keys, a skipped subdirectory, one refused value
    for (const line of logger.lines) {
      expect(line).not.toMatch(RAW_CONTROL);
      expect(line.split('\n')).toHaveLength(1);
    }
    expect(logger.lines).toContain(
      `warn Unknown key ${h.dir}/evil\\nerror Flag "rate" from configmap: forged entry: no flag of that name is declared (ignored; it may be meant for a newer release)`,
    );
    expect(logger.lines).toContain(
      `warn Unknown key ${h.dir}/report\\u202egnp.exe: no flag of that name is declared (ignored; it may be meant for a newer release)`,
    );
    expect(logger.lines).toContain(
      `warn Skipped ${h.dir}/sub\\ndir: a subdirectory is not a flag value (only regular files are read)`,
    );
    expect(logger.lines).toContain(
      `warn Flag "rate" from configmap (${h.dir}/rate): refused "7\\nerror forged\\u2066 too": not an integer; expected a safe integer such as 42, -7, 0x2a, 0o52 or 0b101010`,
    );
    const status = engine.status();
    for (const text of [...status.errors, ...status.warnings])
      expect(text).not.toMatch(RAW_CONTROL);
    expect(status.warnings).toContain(
      `Skipped ${h.dir}/sub\\ndir: a subdirectory is not a flag value (only regular files are read)`,
    );
  });
});
