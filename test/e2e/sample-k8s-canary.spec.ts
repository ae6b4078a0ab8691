import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';

// sample-app/k8s/canary cannot run here (no cluster): these checks keep it a faithful copy of the
// main manifests, differing only where a canary must.
const root = join(import.meta.dirname, '../..');
const k8s = join(root, 'sample-app/k8s');
const canary = join(k8s, 'canary');
const cli = join(root, 'dist/cli/main.js');
const sampleFlags = join(root, 'sample-app/dist/flags.js');
const run = promisify(execFile);

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function docs(file: string): Promise<Doc[]> {
  const parsed = parseAllDocuments(await readFile(file, 'utf8'), { uniqueKeys: true });
  return (Array.isArray(parsed) ? parsed : [parsed]).map((doc) => {
    expect(doc.errors, file).toEqual([]);
    return doc.toJS() as Doc;
  });
}

const only = async (file: string, kind: string): Promise<Doc> => {
  const found = (await docs(file)).filter((d) => d.kind === kind);
  expect(found, `${kind} in ${file}`).toHaveLength(1);
  return found[0]!;
};

const validate = (file: string) =>
  run(
    process.execPath,
    [cli, 'validate', '-f', file, '--flags', sampleFlags, '--strict', '--go-compat'],
    { cwd: root },
  ).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

/** without drops the given keys of an object (shallow). */
const without = (object: Doc, ...keys: string[]): Doc =>
  Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key)));

describe('sample-app/k8s/canary', () => {
  beforeAll(() => {
    if (!existsSync(cli) || !existsSync(sampleFlags)) {
      throw new Error('Build first: npm run build && npm run build:sample (npm test does)');
    }
  });

  it('the kustomization lists every manifest of the directory, and the main one none of them', async () => {
    const files = (await readdir(canary)).filter((f) => f.endsWith('.yaml')).sort();
    const kustomization = await only(join(canary, 'kustomization.yaml'), 'Kustomization');
    expect([...kustomization.resources].sort()).toEqual(
      files.filter((f) => f !== 'kustomization.yaml'),
    );
    expect(kustomization.configMapGenerator).toBeUndefined(); // no hash suffix: changed in place
    const main = await only(join(k8s, 'kustomization.yaml'), 'Kustomization');
    expect(main.resources.some((r: string) => r.includes('canary'))).toBe(false);
  });

  it("dflag validate --strict --go-compat accepts both ConfigMaps against the sample's flags", async () => {
    for (const [file, name] of [
      [join(k8s, 'example.yaml'), 'example-config'],
      [join(canary, 'example-canary.yaml'), 'example-config-canary'],
    ] as const) {
      const result = await validate(file);
      expect(result, file).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(
        new RegExp(`^ConfigMap ${name}: 5 keys checked against \\d+ flags: 0 errors, 0 warnings`),
      );
    }
  });

  it('the canary ConfigMap differs from the main one only in metadata.name and values (same keys)', async () => {
    const main = await only(join(k8s, 'example.yaml'), 'ConfigMap');
    const copy = await only(join(canary, 'example-canary.yaml'), 'ConfigMap');
    expect(copy.metadata.name).not.toBe(main.metadata.name);
    expect(without(copy, 'metadata', 'data')).toEqual(without(main, 'metadata', 'data'));
    expect(without(copy.metadata, 'name')).toEqual(without(main.metadata, 'name'));
    expect(Object.keys(copy.data).sort()).toEqual(Object.keys(main.data).sort());
    for (const value of Object.values(copy.data)) expect(typeof value).toBe('string');
  });

  it('the canary Deployment is the main pod with its own name, labels, one replica and ConfigMap', async () => {
    const main = await only(join(k8s, 'deployment.yaml'), 'Deployment');
    const copy = await only(join(canary, 'deployment.yaml'), 'Deployment');
    const mainConfigMap = (await only(join(k8s, 'example.yaml'), 'ConfigMap')).metadata.name;
    const canaryConfigMap = (await only(join(canary, 'example-canary.yaml'), 'ConfigMap')).metadata
      .name;

    expect(copy.metadata.name).toBe(`${main.metadata.name}-canary`); // what the alerts' pod=~ selects
    expect(copy.spec.replicas).toBe(1);
    const labels = { ...main.spec.template.metadata.labels, track: 'canary' };
    expect(copy.metadata.labels).toEqual({ ...main.metadata.labels, track: 'canary' });
    expect(copy.spec.selector.matchLabels).toEqual(labels);
    expect(copy.spec.template.metadata.labels).toEqual(labels);
    // Neither Deployment selects the other's pods.
    const selects = (selector: Doc, podLabels: Doc): boolean =>
      Object.entries(selector).every(([key, value]) => podLabels[key] === value);
    expect(selects(main.spec.selector.matchLabels, labels)).toBe(false);
    expect(selects(copy.spec.selector.matchLabels, main.spec.template.metadata.labels)).toBe(false);
    // The public and internal Services select it too: it gets traffic and is scraped.
    for (const service of await docs(join(k8s, 'service.yaml'))) {
      for (const [key, value] of Object.entries(service.spec.selector as Doc)) {
        expect(labels[key as keyof typeof labels]).toBe(value);
      }
    }

    // The pod: identical but for the ConfigMap its projected volume mounts.
    const mainPod = main.spec.template.spec;
    const copyPod = structuredClone(copy.spec.template.spec);
    const sources = copyPod.volumes.flatMap((v: Doc) => v.projected?.sources ?? []);
    const configMaps = sources.filter((s: Doc) => s.configMap);
    expect(configMaps).toEqual([{ configMap: { name: canaryConfigMap } }]);
    configMaps[0].configMap.name = mainConfigMap;
    expect(copyPod).toEqual(mainPod);
  });

  it('the canary alerts select the canary pod by name and use series the library exports', async () => {
    const rule = await only(join(canary, 'prometheus.yaml'), 'PrometheusRule');
    const { METRIC_NAMES } = await import('../../lib/metrics/dflag-metrics.constants.js');
    const exported = new Set(Object.values(METRIC_NAMES).map((name) => `dflag_${name}`));
    const rules = rule.spec.groups.flatMap((g: Doc) => g.rules) as Doc[];
    expect(rules.map((r) => r.alert)).toEqual([
      'DflagCanaryDown',
      'DflagCanaryNotReady',
      'DflagCanaryLatestVersionRefused',
      'DflagCanaryReloadErrors',
      'DflagCanaryDegraded',
      'DflagCanaryUnknownKeys',
    ]);
    for (const { alert, expr } of rules) {
      const series = [...(expr as string).matchAll(/\b(dflag_\w+)\{([^}]*)\}/g)];
      expect(series.length, alert).toBeGreaterThan(0);
      for (const [, name, selector] of series) {
        expect(exported, `${alert}: ${name}`).toContain(name);
        expect(selector, alert).toContain('pod=~"sample-app-canary-.+"');
      }
    }
    // The main fleet's disagreement alert leaves the canary out (it differs on purpose).
    const main = await only(join(k8s, 'prometheus.yaml'), 'PrometheusRule');
    const disagree = main.spec.groups[0].rules.find(
      (r: Doc) => r.alert === 'DflagReplicasDisagree',
    );
    expect(disagree.expr).toContain('dflag_config_hash{pod!~".+-canary-.+"}');
    expect('sample-app-canary-7c9d-x2k4q').toMatch(/^.+-canary-.+$/);
  });
});
