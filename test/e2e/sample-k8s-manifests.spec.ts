import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse, parseAllDocuments } from 'yaml';
import {
  INTERNAL_PORT,
  LISTING_PATH,
  LIVENESS_PATH,
  METRICS_PATH,
  MOUNT_PATH,
  PUBLIC_PORT,
  READINESS_PATH,
} from '../../sample-app/src/sample.constants.js';

// None of sample-app/k8s can run here (no cluster): these checks keep it in step with the code.
const root = join(import.meta.dirname, '../..');
const k8s = join(root, 'sample-app/k8s');
const cli = join(root, 'dist/cli/main.js');
const sampleMain = join(root, 'sample-app/dist/main.js');
const sampleFlags = join(root, 'sample-app/dist/flags.js');
const run = promisify(execFile);

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** manifests parses every document of every YAML file in sample-app/k8s, failing on any error. */
async function manifests(): Promise<Map<string, Doc[]>> {
  const files = (await readdir(k8s)).filter((f) => f.endsWith('.yaml')).sort();
  const all = new Map<string, Doc[]>();
  for (const file of files) {
    const docs = parseAllDocuments(await readFile(join(k8s, file), 'utf8'), { uniqueKeys: true });
    const parsed = (Array.isArray(docs) ? docs : [docs]).map((doc) => {
      expect(doc.errors, file).toEqual([]);
      return doc.toJS() as Doc;
    });
    all.set(file, parsed);
  }
  return all;
}

const one = (all: Map<string, Doc[]>, kind: string, name?: string): Doc => {
  const found = [...all.values()]
    .flat()
    .filter((d) => d.kind === kind && (name === undefined || d.metadata?.name === name));
  expect(found, `${kind} ${name ?? ''}`).toHaveLength(1);
  return found[0]!;
};

const validate = (file: string) =>
  run(
    process.execPath,
    [cli, 'validate', '-f', join(k8s, file), '--flags', sampleFlags, '--strict'],
    {
      cwd: root,
    },
  ).catch((e: { code: number; stdout: string; stderr: string }) => e);

describe('sample-app/k8s', () => {
  beforeAll(() => {
    if (!existsSync(cli) || !existsSync(sampleFlags)) {
      throw new Error('Build first: npm run build && npm run build:sample (npm test does)');
    }
  });

  it('every manifest parses, names its kind, and the kustomization lists every one of them', async () => {
    const all = await manifests();
    const { kustomization = [], ...rest } = Object.fromEntries(
      [...all].map(([file, docs]) => [file.replace(/\.yaml$/, ''), docs]),
    );
    for (const [file, docs] of Object.entries(rest)) {
      for (const doc of docs) {
        expect(doc.apiVersion, file).toEqual(expect.any(String));
        expect(doc.kind, file).toEqual(expect.any(String));
        expect(doc.metadata?.name, file).toEqual(expect.any(String));
      }
    }
    const [kustomization0] = kustomization as Doc[];
    expect(kustomization0?.kind).toBe('Kustomization');
    expect([...kustomization0!.resources].sort()).toEqual(
      Object.keys(rest)
        .map((f) => `${f}.yaml`)
        .sort(),
    );
    // The ConfigMap's name carries no hash suffix: a plain resource, no generator.
    expect(kustomization0!.configMapGenerator).toBeUndefined();
    expect(kustomization0!.secretGenerator).toBeUndefined();
  });

  it("dflag validate --strict accepts the ConfigMap and the Secret against the sample's flags", async () => {
    const configMap = await validate('example.yaml');
    expect(configMap).toMatchObject({ stderr: '' });
    expect(configMap.stdout).toMatch(
      /^ConfigMap example-config: 5 keys checked against \d+ flags: 0 errors, 0 warnings/,
    );
    const secret = await validate('secret.yaml');
    expect(secret).toMatchObject({ stderr: '' });
    expect(secret.stdout).toMatch(
      /^Secret example-secret: 1 key checked against \d+ flags: 0 errors, 0 warnings/,
    );
    expect(secret.stdout).not.toContain('fake-api-key');
  });

  it("the ConfigMap holds the seed's example-config keys and the Secret only the sensitive key", async () => {
    const all = await manifests();
    const configMap = one(all, 'ConfigMap');
    expect(configMap.metadata.name).toBe('example-config');
    expect(configMap.data).toMatchObject({
      example_my_dynamic_string: 'something',
      example_my_dynamic_int: '20',
    });
    expect(JSON.parse(configMap.data.example_my_dynamic_json)).toEqual({
      policy: 'allow',
      rate: 50,
    });
    expect(Object.keys(one(all, 'Secret').stringData)).toEqual(['api_key']);
  });

  it('the Deployment mounts both as one projected volume at the path, ports and probes of the code', async () => {
    const all = await manifests();
    const pod = one(all, 'Deployment').spec.template.spec;
    const [container] = pod.containers;

    const [mount] = container.volumeMounts;
    expect(mount).toMatchObject({ mountPath: MOUNT_PATH });
    expect(JSON.stringify(pod)).not.toContain('subPath'); // subPath mounts never update
    const volume = pod.volumes.find((v: Doc) => v.name === mount.name);
    expect(volume.projected.sources).toEqual([
      { configMap: { name: one(all, 'ConfigMap').metadata.name } },
      { secret: { name: one(all, 'Secret').metadata.name } },
    ]);

    expect(container.args).toEqual(
      expect.arrayContaining([
        `--config-dir=${MOUNT_PATH}`,
        '--host=0.0.0.0',
        `--port=${PUBLIC_PORT}`,
        `--internal-port=${INTERNAL_PORT}`,
      ]),
    );
    expect(container.ports).toEqual([
      { name: 'http', containerPort: PUBLIC_PORT },
      { name: 'internal', containerPort: INTERNAL_PORT },
    ]);
    expect(container.livenessProbe.httpGet).toEqual({ path: LIVENESS_PATH, port: 'http' });
    expect(container.readinessProbe.httpGet).toEqual({ path: READINESS_PATH, port: 'http' });
    expect(container.resources.limits).toEqual({
      cpu: expect.any(String),
      memory: expect.any(String),
    });
    expect(container.resources.requests).toEqual({
      cpu: expect.any(String),
      memory: expect.any(String),
    });

    // The sample accepts the Deployment's args (an unknown or invalid one exits 2 before --help).
    const help = await run(process.execPath, [sampleMain, ...container.args, '--help'], {
      cwd: root,
    });
    expect(help.stdout).toContain('--config-dir=VALUE');
  });

  it('the public Service exposes only the public port; Prometheus scrapes the internal one', async () => {
    const all = await manifests();
    const deployment = one(all, 'Deployment');
    // The pods are `track: stable`, which the Deployment selects (a canary's pods are not); the
    // Services select every track.
    const { track, ...everyTrack } = deployment.spec.template.metadata.labels;
    expect(track).toBe('stable');
    expect(deployment.spec.selector.matchLabels).toEqual({ ...everyTrack, track });
    const publicService = one(all, 'Service', 'sample-app');
    expect(publicService.spec.ports.map((p: Doc) => p.targetPort)).toEqual(['http']);
    expect(publicService.spec.selector).toEqual(everyTrack);
    const internal = one(all, 'Service', 'sample-app-internal');
    expect(internal.spec.ports.map((p: Doc) => p.targetPort)).toEqual(['internal']);
    expect(internal.spec.selector).toEqual(everyTrack);
    const monitor = one(all, 'ServiceMonitor');
    expect(monitor.spec.selector.matchLabels).toEqual(
      expect.objectContaining({ 'app.kubernetes.io/component': 'internal' }),
    );
    expect(internal.metadata.labels).toMatchObject(monitor.spec.selector.matchLabels);
    expect(monitor.spec.endpoints).toEqual([
      expect.objectContaining({ port: 'internal', path: METRICS_PATH }),
    ]);
    expect(LISTING_PATH).toBe('/debug/flags'); // what service.yaml's port-forward comment opens
    expect(await readFile(join(k8s, 'service.yaml'), 'utf8')).toContain(
      `http://localhost:${INTERNAL_PORT}${LISTING_PATH}`,
    );
  });

  it("the PrometheusRule holds the README's two alerts as written there", async () => {
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    const block = /```yaml\n(groups:\n[\s\S]*?DflagReplicasDisagree[\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const rule = one(await manifests(), 'PrometheusRule');
    expect(rule.spec.groups).toEqual((parse(block!) as Doc).groups);
  });

  it('the Dockerfile exposes both ports and runs the sample on the mounted volume', async () => {
    const dockerfile = await readFile(join(root, 'sample-app/Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(new RegExp(`^EXPOSE ${PUBLIC_PORT} ${INTERNAL_PORT}$`, 'm'));
    expect(dockerfile).toMatch(/^ENTRYPOINT \["node", "sample-app\/dist\/main\.js"\]$/m);
    expect(dockerfile).toContain(`"--config-dir=${MOUNT_PATH}"`);
  });
});
