import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eventually } from '../utils/eventually.js';
import { makeTempDir, removeTempDir } from '../utils/temp-dir.js';

const root = join(import.meta.dirname, '../..');
const sampleMain = join(root, 'sample-app/dist/main.js');
const sampleApply = join(root, 'sample-app/dist/sample-apply.js');
const example = join(root, 'sample-app/k8s/example.yaml');
const cli = join(root, 'dist/cli/main.js');
const run = promisify(execFile);
const FAKE_KEY = 'fake-api-key-for-the-sample-not-a-secret';

interface Started {
  child: ChildProcess;
  url: string;
  internalUrl: string;
  dir: string;
  output: () => string;
}

/** start runs the built sample as `npm start` does, and waits for the URLs it prints. */
async function start(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, [sampleMain, ...args], { cwd: root, stdio: 'pipe' });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const [url, internalUrl, dir] = await eventually(
    () => {
      const url = /sample app listening on (http:\/\/\S+) \(public\)/.exec(out)?.[1];
      const internalUrl = /internal listener on (http:\/\/\S+) \(listing and metrics/.exec(
        out,
      )?.[1];
      const dir = /flags from the ConfigMap directory (\S+)/.exec(out)?.[1];
      if (!url || !internalUrl || !dir) throw new Error(`not started yet:\n${out}`);
      return [url, internalUrl, dir] as const;
    },
    { timeout: 15_000 },
  );
  return { child, url, internalUrl, dir, output: () => out };
}

const get = async (url: string): Promise<{ status: number; text: string }> => {
  const response = await fetch(url);
  return { status: response.status, text: await response.text() };
};
const getJson = async (url: string): Promise<{ status: number; body: Record<string, unknown> }> => {
  const { status, text } = await get(url);
  return { status, body: JSON.parse(text) as Record<string, unknown> };
};
const listed = async (app: Started, name: string) =>
  (
    (await getJson(`${app.internalUrl}/debug/flags`)).body.flags as Array<Record<string, unknown>>
  ).find((f) => f.name === name);

describe('the sample app (npm start)', () => {
  let app: Started | undefined;
  let work = '';

  beforeAll(() => {
    if (!existsSync(sampleMain) || !existsSync(sampleApply) || !existsSync(cli)) {
      throw new Error('Build first: npm run build && npm run build:sample (npm test does)');
    }
  });
  beforeEach(async () => {
    work = await makeTempDir('dflag-sample-test-');
  });
  afterEach(async () => {
    if (app && app.child.exitCode === null) app.child.kill('SIGKILL');
    app = undefined;
    await removeTempDir(work);
  });

  it('runs on k8s/example.yaml + secret.yaml, follows npm run sample:apply, degrades on a bad value, stops on SIGTERM', async () => {
    const local = join(work, 'volume');
    app = await start(['--port=0', '--internal-port=0', `--local-dir=${local}`]);
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(app.internalUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(app.dir).toBe(local);
    expect(app.output()).toContain(
      `change flags live: edit ${example}, then npm run sample:apply -- --dir=${local}`,
    );

    // The seed's example-config, served by GET / and through OpenFeature.
    expect(await getJson(`${app.url}/`)).toEqual({
      status: 200,
      body: {
        message: 'something',
        number: 20,
        features: ['checkout', 'search'],
        policy: { policy: 'allow', rate: 50 },
      },
    });
    expect((await getJson(`${app.url}/openfeature`)).body).toMatchObject({
      flag: 'example_my_dynamic_int',
      value: 20,
      reason: 'STATIC',
      metadata: { source: 'configmap', generation: 1 },
    });
    expect((await get(`${app.url}/livez`)).status).toBe(200);
    expect((await get(`${app.url}/readyz`)).status).toBe(200);

    // The listing and /metrics answer on the internal port only.
    expect((await get(`${app.url}/debug/flags`)).status).toBe(403);
    expect((await get(`${app.url}/metrics`)).status).toBe(403);
    const listing = await get(`${app.internalUrl}/debug/flags`);
    expect(listing.status).toBe(200);
    expect(listing.text).not.toContain(FAKE_KEY);
    expect(await listed(app, 'api_key')).toMatchObject({
      current_value: '[redacted]',
      source: 'configmap', // the Secret's key, projected into the same directory
    });
    const metrics = await get(`${app.internalUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('dflag_config_last_reload_successful{flagset="default"} 1');
    expect(app.output()).not.toContain('GET / under policy'); // loglevel: log hides debug lines

    // What the app prints: edit example.yaml, then npm run sample:apply (here on a copy).
    const manifest = (await readFile(example, 'utf8'))
      .replace('example_my_dynamic_string: something', 'example_my_dynamic_string: something else')
      .replace("example_my_dynamic_int: '20'", "example_my_dynamic_int: '42'")
      .replace('"rate": 50', '"rate": 1')
      .replace('loglevel: log', 'loglevel: debug');
    const edited = join(work, 'example.yaml');
    await writeFile(edited, manifest);
    await run(process.execPath, [sampleApply, `--dir=${local}`, edited], { cwd: root });
    await eventually(async () =>
      expect((await getJson(`${app!.url}/openfeature`)).body).toMatchObject({ value: 42 }),
    );
    expect(app.output()).toContain(
      'example_my_dynamic_string: something -> something else (configmap)',
    );
    expect(app.output()).toContain('GET / now allows 1 requests/s');
    expect(await listed(app, 'api_key')).toMatchObject({ source: 'configmap' }); // not dropped

    // rate 1: of ten requests in a row, at most one per second passes; the others are 429.
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await get(`${app.url}/`)).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s !== 429).every((s) => s === 200)).toBe(true);
    const passed = await eventually(async () => {
      const answer = await getJson(`${app!.url}/`);
      expect(answer.status).toBe(200);
      return answer.body;
    });
    expect(passed).toMatchObject({ message: 'something else', number: 42 });
    expect(app.output()).toContain('GET / under policy allow, rate 1/s'); // loglevel: debug

    // deny: 403.
    const denying = manifest.replace('"policy": "allow"', '"policy": "deny"');
    await writeFile(edited, denying);
    await run(process.execPath, [sampleApply, `--dir=${local}`, edited], { cwd: root });
    await eventually(async () => expect((await get(`${app!.url}/`)).status).toBe(403));
    expect(app.output()).toContain('GET / now denies every request');

    // A bad value: refused, the last good value serves, health degraded but HTTP 200, still ready.
    await writeFile(
      edited,
      denying.replace("example_my_dynamic_int: '42'", 'example_my_dynamic_int: fast'),
    );
    await run(process.execPath, [sampleApply, `--dir=${local}`, edited], { cwd: root });
    await eventually(async () => {
      const health = await getJson(`${app!.url}/health`);
      expect(health.status).toBe(200);
      expect(JSON.stringify(health.body)).toContain('degraded');
    });
    expect((await getJson(`${app.url}/openfeature`)).body).toMatchObject({ value: 42 });
    expect((await get(`${app.url}/readyz`)).status).toBe(200);
    expect(app.output()).toMatch(
      /ConfigMap version \d+: partial, 0 change\(s\); .*example_my_dynamic_int/,
    );

    // Nest's shutdown hooks close both listeners and the watcher, then re-raise the signal.
    const exited = new Promise<[number | null, string | null]>((resolve) =>
      app!.child.once('exit', (code, signal) => resolve([code, signal])),
    );
    app.child.kill('SIGTERM');
    expect(await exited).toEqual([null, 'SIGTERM']);
    expect(existsSync(local)).toBe(false); // the directory it laid out from sample-app/k8s
    expect(app.output()).not.toContain(FAKE_KEY);
    expect(app.output()).not.toMatch(/ERROR|Unhandled/);
  });

  it("npm run sample:apply names its default directory (npm start's) and refuses an unknown option with code 2", async () => {
    const help = await run(process.execPath, [sampleApply, '--help'], { cwd: root });
    expect(help.stdout).toContain(`default ${join(root, '.tmp/sample-volume')}`);
    const bad = await run(process.execPath, [sampleApply, '--dri=x'], { cwd: root }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((bad as { code: number }).code).toBe(2);
    expect((bad as { stderr: string }).stderr).toContain("Unknown option '--dri'");
  });

  it('an internal port in use exits 1 naming it, after closing the public listener', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const failed = await run(
        process.execPath,
        [sampleMain, '--port=0', `--internal-port=${port}`, `--local-dir=${join(work, 'volume')}`],
        { cwd: root },
      ).catch((e: { code: number; stderr: string }) => e);
      expect((failed as { code: number }).code).toBe(1);
      expect((failed as { stderr: string }).stderr).toBe(
        `--internal-port: cannot listen on 127.0.0.1:${port}: EADDRINUSE\n`,
      );
      expect(existsSync(join(work, 'volume'))).toBe(false); // closed: the laid-out volume removed
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('a missing --config-dir exits 1 with the message, not a stack trace', async () => {
    const missing = join(work, 'nope');
    const failed = await run(process.execPath, [sampleMain, `--config-dir=${missing}`], {
      cwd: root,
    }).catch((e: { code: number; stderr: string }) => e);
    expect((failed as { code: number }).code).toBe(1);
    expect((failed as { stderr: string }).stderr).toBe(
      `The ConfigMap directory ${missing} does not exist. Mount the ConfigMap volume there (volumeMounts[].mountPath: ${missing}), or set optional: true to start on defaults and pick it up when it appears\n`,
    );
  });

  it('--help prints the usage table; a bad flag exits 2 naming it', async () => {
    const help = await run(process.execPath, [sampleMain, '--help'], { cwd: root });
    for (const name of ['port', 'internal-port', 'host', 'config-dir', 'local-dir']) {
      expect(help.stdout).toContain(`--${name}=VALUE`);
    }
    const bad = await run(process.execPath, [sampleMain, '--port=http'], { cwd: root }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((bad as { code: number }).code).toBe(2);
    expect((bad as { stderr: string }).stderr).toContain(
      'Flag "port" from command-line (--port): refused "http": not an integer',
    );
  });
});
