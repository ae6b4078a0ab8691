import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { execFile } from 'node:child_process';
import { eventually } from '../utils/eventually.js';
import { makeTempDir, removeTempDir } from '../utils/temp-dir.js';

const root = join(import.meta.dirname, '../..');
const sampleMain = join(root, 'sample-app/dist/main.js');
const cli = join(root, 'dist/cli/main.js');
const run = promisify(execFile);

interface Started {
  child: ChildProcess;
  url: string;
  dir: string;
  output: () => string;
}

/** start runs the built sample as `npm start` does, and waits for the URL it prints. */
async function start(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, [sampleMain, ...args], { cwd: root, stdio: 'pipe' });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const [url, dir] = await eventually(
    () => {
      const url = /sample app listening on (http:\/\/\S+)/.exec(out)?.[1];
      const dir = /flags from the ConfigMap directory (\S+)/.exec(out)?.[1];
      if (!url || !dir) throw new Error(`not started yet:\n${out}`);
      return [url, dir] as const;
    },
    { timeout: 15_000 },
  );
  return { child, url, dir, output: () => out };
}

const getJson = async (url: string): Promise<{ status: number; body: Record<string, unknown> }> => {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('the sample app (npm start)', () => {
  let app: Started | undefined;
  let work = '';

  beforeAll(() => {
    if (!existsSync(sampleMain) || !existsSync(cli)) {
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

  it('serves its embedded configuration, follows dflag apply, degrades on a bad ConfigMap, stops on SIGTERM', async () => {
    app = await start(['--port=0']);
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await getJson(`${app.url}/`)).toEqual({
      status: 200,
      body: {
        greeting: 'hello from the ConfigMap',
        rateLimit: 50,
        features: ['checkout', 'search'],
        timeoutMs: 1500,
      },
    });
    const listing = await getJson(`${app.url}/flags`);
    const apiKey = (listing.body.flags as Array<{ name: string; current: string }>).find(
      (f) => f.name === 'api_key',
    );
    expect(apiKey?.current).toBe('[redacted]');
    expect(JSON.stringify(listing.body)).not.toContain('sk-sample-not-a-secret');

    // What the app prints: edit the manifest, then `dflag apply` it to the directory.
    const manifest = (await readFile(join(root, 'sample-app/configmap.yaml'), 'utf8'))
      .replace('greeting: hello from the ConfigMap', 'greeting: hello again')
      .replace("rate_limit: '50'", "rate_limit: '75'");
    const edited = join(work, 'configmap.yaml');
    await writeFile(edited, manifest);
    await run(process.execPath, [cli, 'apply', '-f', edited, '--dir', app.dir]);
    await eventually(async () =>
      expect((await getJson(`${app!.url}/`)).body).toMatchObject({
        greeting: 'hello again',
        rateLimit: 75,
      }),
    );
    expect(app.output()).toContain('greeting: hello from the ConfigMap -> hello again (configmap)');
    expect(app.output()).toContain('rate limiter now allows 75 requests/s');
    expect((await getJson(`${app.url}/health`)).body).toMatchObject({
      status: 'ok',
      info: { dflag: { status: 'up' } },
    });

    // A bad value: refused, the last good value serves, health is degraded but still HTTP 200.
    await writeFile(edited, manifest.replace("rate_limit: '75'", "rate_limit: 'fast'"));
    await run(process.execPath, [cli, 'apply', '-f', edited, '--dir', app.dir]);
    await eventually(async () => {
      const health = await getJson(`${app!.url}/health`);
      expect(health.status).toBe(200);
      expect(JSON.stringify(health.body)).toContain('degraded');
    });
    expect((await getJson(`${app.url}/`)).body).toMatchObject({ rateLimit: 75 });

    // Nest's shutdown hooks close the app (watcher, timers, server), then re-raise the signal.
    const exited = new Promise<[number | null, string | null]>((resolve) =>
      app!.child.once('exit', (code, signal) => resolve([code, signal])),
    );
    app.child.kill('SIGTERM');
    expect(await exited).toEqual([null, 'SIGTERM']);
    expect(existsSync(app.dir)).toBe(false); // the directory it created for its embedded configuration
    expect(app.output()).not.toMatch(/ERROR|Unhandled/);
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
    expect(help.stdout).toContain('--rate_limit=VALUE');
    expect(help.stdout).toContain('--config-dir=VALUE');
    const bad = await run(process.execPath, [sampleMain, '--port=http'], { cwd: root }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((bad as { code: number }).code).toBe(2);
    expect((bad as { stderr: string }).stderr).toContain(
      'Flag "port" from command-line (--port): refused "http": not an integer',
    );
  });
});
