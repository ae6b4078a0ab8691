import { ManifestError } from '../../../lib/configmap/manifest/manifest.error.js';
import { parseConfigMapManifest } from '../../../lib/configmap/manifest/parse-manifest.js';
import { configMap } from './validate-harness.js';

/** The problems a refused manifest lists (fails the test when it is accepted). */
function problemsOf(text: string, name?: string): readonly string[] {
  try {
    parseConfigMapManifest(text, { source: 'cm.yaml', name });
  } catch (error) {
    if (error instanceof ManifestError) return error.problems;
    throw error;
  }
  throw new Error('the manifest was accepted');
}

/** keyLines is `count` lines `  key_<i>: <value>` of a `data:` mapping. */
const keyLines = (count: number, value = (i: number) => `"${i}"`): string => {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(`  key_${i}: ${value(i)}\n`);
  return lines.join('');
};

describe('parseConfigMapManifest: keys', () => {
  it('refuses a duplicate data key, naming it and both places', () => {
    expect(problemsOf(configMap('data:\n  a: "1"\n  b: "2"\n  a: "3"\n'))).toEqual([
      'invalid YAML: duplicate key "a" at line 8, column 3 (first at line 6, column 3); the keys of a mapping must be unique',
    ]);
  });

  it('refuses duplicate keys anywhere in any document, flow mappings included', () => {
    const other = 'apiVersion: v1\nkind: Secret\nmetadata: {name: s, name: t}\n';
    const text = `${other}---\n${configMap('data:\n  a: "1"\n')}`;
    expect(problemsOf(text, 'app-config')).toEqual([
      'invalid YAML: duplicate key "name" at line 3, column 21 (first at line 3, column 12); the keys of a mapping must be unique',
    ]);
  });

  it('refuses keys that are the same once YAML 1.1 resolves them (on, true)', () => {
    expect(problemsOf(configMap('data:\n  on: "1"\n  true: "2"\n'))).toEqual([
      'invalid YAML: duplicate key "true" at line 7, column 3 (first at line 6, column 3); the keys of a mapping must be unique',
    ]);
  });

  it('refuses two data keys that name the same file (1 and "1")', () => {
    expect(problemsOf(configMap('data:\n  1: "a"\n  "1": "b"\n'))).toEqual([
      'data key "1" appears more than once (line 7, column 3); a ConfigMap key names one file',
    ]);
  });

  it('keeps a key named __proto__ as an ordinary key', () => {
    const manifest = parseConfigMapManifest(configMap('data:\n  __proto__: "x"\n  a: "1"\n'));
    expect(Object.keys(manifest.data)).toEqual(['__proto__', 'a']);
    expect(Object.getOwnPropertyDescriptor(manifest.data, '__proto__')?.value).toBe('x');
  });

  // 100 000 keys and the times of both are in `npm run bench` (bench/manifest.bench.ts).
  it('parses 20 000 keys', () => {
    const manifest = parseConfigMapManifest(configMap(`data:\n${keyLines(20_000)}`));
    expect(Object.keys(manifest.data)).toHaveLength(20_000);
    expect(manifest.data.key_19999).toBe('19999');
  });

  it('resolves thousands of aliases, each to the last anchor before it', () => {
    const anchors = 'data:\n  first: &v "one"\n  again: &v "two"\n';
    const manifest = parseConfigMapManifest(configMap(anchors + keyLines(20_000, () => '*v')));
    expect(manifest.data.first).toBe('one');
    expect(manifest.data.key_19999).toBe('two');
    expect(Object.keys(manifest.data)).toHaveLength(20_002);
  });
});
