/**
 * Reading ConfigMap manifests, as `dflag apply` and `dflag validate` do: a huge input (refused),
 * ConfigMaps with many keys (parsed), and a long multi-document stream like `kustomize build`
 * output. Each case runs in a child process of its own, so that its peak memory (max RSS) is its
 * own. `CASES=keys-20000,huge-file` runs only some.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../lib/cli/run-cli.js';
import { parseConfigMapManifest } from '../lib/configmap/manifest/parse-manifest.js';

const MiB = 1024 * 1024;

const configMapHeader = (name: string): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n`;

/** A ConfigMap of `count` keys; `compact` ones (`k<base 36>: ""`) fit 250 000 in 4 MiB. */
function manyKeys(count: number, compact = false): string {
  const lines = [configMapHeader('many-keys')];
  for (let i = 0; i < count; i++) {
    lines.push(compact ? `  k${i.toString(36)}: ""\n` : `  key_${i}: "${i % 10}"\n`);
  }
  return lines.join('');
}

/** A Deployment-like document of about `bytes` bytes, many nested mappings. */
function otherKind(index: number, bytes: number): string {
  const head = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${index}\nspec:\n  env:\n`;
  const lines = [head];
  let size = head.length;
  for (let i = 0; size < bytes; i++) {
    const line = `    - name: VAR_${i}\n      value: "some value ${i}"\n`;
    lines.push(line);
    size += line.length;
  }
  return lines.join('');
}

type Case = () => Promise<string>;

const CASES: Record<string, Case> = {
  /**
   * A 100 MiB file holding one ConfigMap whose value is a block scalar of 100-byte lines: refused,
   * how fast, how much memory.
   */
  'huge-file': async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dflag-bench-manifest-'));
    try {
      const file = join(dir, 'huge.yaml');
      // Written 1 MiB at a time, so that the max RSS is the reader's, not this text's.
      const handle = await open(file, 'w');
      await handle.write(`${configMapHeader('huge')}  a: |\n`);
      const chunk = `    ${'x'.repeat(95)}\n`.repeat(MiB / 100);
      for (let i = 0; i < 100; i++) await handle.write(chunk);
      await handle.close();
      let err = '';
      const io = { stdout: () => undefined, stderr: (t: string) => (err += t), cwd: dir };
      const start = performance.now();
      const code = await runCli(['apply', '-f', file, '--dir', join(dir, 'vol')], io);
      const ms = performance.now() - start;
      return `exit ${code} in ${ms.toFixed(1)} ms: ${err.trim().split('\n').slice(-1)[0]}`;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
  'keys-20000': async () => parseKeys(20_000),
  'keys-100000': async () => parseKeys(100_000),
  'keys-250000': async () => parseKeys(250_000, true),
  /** 20 000 values that are aliases of one anchor. */
  'aliases-20000': async () => {
    const lines = [`${configMapHeader('aliases')}  first: &v "x"\n`];
    for (let i = 0; i < 20_000; i++) lines.push(`  key_${i}: *v\n`);
    const text = lines.join('');
    const start = performance.now();
    const manifest = parseConfigMapManifest(text, { source: 'aliases.yaml' });
    const ms = performance.now() - start;
    return `${Object.keys(manifest.data).length} keys, 20000 of them aliases, parsed in ${ms.toFixed(0)} ms`;
  },
  /** 30 MiB of 200-KiB documents with the ConfigMap last, as `kustomize build` may print. */
  'stream-30MiB': async () => {
    const docs: string[] = [];
    for (let i = 0; i < 150; i++) docs.push(otherKind(i, 200 * 1024));
    docs.push(manyKeys(100));
    const text = docs.join('---\n');
    const start = performance.now();
    const manifest = parseConfigMapManifest(text, { name: 'many-keys', source: 'stream' });
    const ms = performance.now() - start;
    const mib = (Buffer.byteLength(text) / MiB).toFixed(1);
    return `${docs.length} documents, ${mib} MiB: ${Object.keys(manifest.data).length} keys read in ${ms.toFixed(0)} ms`;
  },
};

async function parseKeys(count: number, compact = false): Promise<string> {
  const text = manyKeys(count, compact);
  const start = performance.now();
  const manifest = parseConfigMapManifest(text, { source: 'many-keys.yaml' });
  const ms = performance.now() - start;
  const kib = (Buffer.byteLength(text) / 1024).toFixed(0);
  return `${Object.keys(manifest.data).length} keys (${kib} KiB) parsed in ${ms.toFixed(0)} ms`;
}

const chosen = process.argv[2];
if (chosen !== undefined) {
  const run = CASES[chosen];
  if (run === undefined) throw new Error(`unknown case ${chosen}`);
  const line = await run();
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(`${chosen}: ${line}; max RSS ${rss.toFixed(0)} MiB`);
} else {
  const names = process.env.CASES?.split(',') ?? Object.keys(CASES);
  console.log('manifest reading (each case in its own process)');
  const self = fileURLToPath(import.meta.url);
  for (const name of names) {
    try {
      const out = execFileSync(process.execPath, [self, name], { encoding: 'utf8', stdio: 'pipe' });
      process.stdout.write(`  ${out}`);
    } catch (error) {
      // A case that throws is a result too (the reader before these limits crashed on aliases).
      const stderr = String((error as { stderr?: unknown }).stderr ?? error);
      const reason = stderr.split('\n').find((l) => /Error/.test(l)) ?? stderr.split('\n')[0];
      console.log(`  ${name}: failed: ${reason}`);
    }
  }
}
