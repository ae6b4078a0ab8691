import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { readConfigMapManifest } from '../../lib/configmap/manifest/read-manifest.js';
import { runCli } from '../../lib/cli/run-cli.js';
import { captureIo } from '../utils/capture-io.js';
import { makeTempDir, removeTempDir } from '../utils/temp-dir.js';

/**
 * A value the YAML parser cannot read is refused with the library's own words and a position:
 * the parser's messages quote the text they stumbled on, and that text is the value.
 */
const CASES: readonly { what: string; line: string; secret: string; says: RegExp }[] = [
  {
    what: 'a value starting with ! (an unknown tag)',
    line: '  api_key: !Tr0ub4dor!2024-prod',
    secret: 'Tr0ub4dor',
    says: /starts with ! reads as a YAML tag .*; quote the value at line 6, column 12/,
  },
  {
    what: 'a value starting with > (a block scalar header)',
    line: '  api_key: >Sup3rS3cret-pw',
    secret: 'Sup3rS3cret',
    says: /at line 6, column \d+/,
  },
  {
    what: 'an invalid escape in a double-quoted value',
    line: '  api_key: "pa\\Udeadbeef55-S3cr3t"',
    secret: 'deadbeef',
    says: /invalid escape sequence; write .{2,4} for a backslash, or single-quote the value at line 6, column \d+/,
  },
  {
    what: 'a value starting with @ (reserved)',
    line: '  api_key: @Hunter2-S3cret',
    secret: 'Hunter2',
    says: /starts with a reserved character .*; quote the value at line 6, column 12/,
  },
];

const FLAGS = resolve(import.meta.dirname, 'support/audit-flags.ts');

const manifest = (line: string): string =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-secrets\nstringData:\n${line}\n`;

describe('redaction audit: YAML the parser refuses', () => {
  let root: string;

  beforeEach(async () => {
    root = await makeTempDir();
  });

  afterEach(async () => {
    await removeTempDir(root);
  });

  async function cli(...args: string[]): Promise<{ code: number; text: string }> {
    const io = captureIo(root);
    const code = await runCli(args, io);
    return { code, text: `${io.out}${io.err}` };
  }

  for (const { what, line, secret, says } of CASES)
    it(`names the position, not the text, of ${what}`, async () => {
      await writeFile(join(root, 'cm.yaml'), manifest(line));
      await mkdir(join(root, 'vol'));
      const runs = {
        validate: await cli('validate', '-f', 'cm.yaml', '--flags', FLAGS),
        'validate --json': await cli('validate', '-f', 'cm.yaml', '--flags', FLAGS, '--json'),
        apply: await cli('apply', '-f', 'cm.yaml', '--dir', 'vol'),
        diff: await cli('diff', '-f', 'cm.yaml', '--against', 'vol'),
      };
      for (const [command, { code, text }] of Object.entries(runs)) {
        expect(text, `dflag ${command}`).toMatch(says);
        expect(text, `dflag ${command}`).not.toContain(secret);
        expect(code, `dflag ${command}`).not.toBe(0);
      }

      const read = await readConfigMapManifest(join(root, 'cm.yaml')).catch((e: unknown) => e);
      expect(read).toBeInstanceOf(Error);
      const { message } = read as Error;
      expect(message).toMatch(says);
      expect(message).not.toContain(secret);
      expect(JSON.stringify(read)).not.toContain(secret);
    });

  it('names no key of a mapping inside a value, repeated or not', async () => {
    await writeFile(join(root, 'cm.yaml'), manifest('  api_key: {hunter2: 1, hunter2: 2}'));
    const { code, text } = await cli('validate', '-f', 'cm.yaml', '--flags', FLAGS);
    expect(text).toMatch(
      /duplicate key inside a value at line 6, column 25 \(first at line 6, column 13\)/,
    );
    expect(text).not.toContain('hunter2');
    expect(code).not.toBe(0);
  });

  it('names the position, not the text, of a malformed directive line', async () => {
    await writeFile(join(root, 'cm.yaml'), `%YAML S3cretDirective\n---\n${manifest('  a: "1"')}`);
    const { code, text } = await cli('validate', '-f', 'cm.yaml', '--flags', FLAGS);
    expect(text).toMatch(/malformed or unsupported directive .* at line 1, column \d+/);
    expect(text).not.toContain('S3cretDirective');
    expect(code).not.toBe(0);
  });
});
