import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { BearerTokenGuard } from '../../lib/index.js';
import { engineOfService } from '../../lib/service-engine.registry.js';
import type { DiffReport } from '../../lib/cli/diff-report.interface.js';
import { expectNoSecret } from '../redaction/support/secret-values.js';
import { eventually } from '../utils/eventually.js';
import { makeTempDir, removeTempDir } from '../utils/temp-dir.js';
import { runDflag, writeManifest } from './support/diff-cli.js';
import { startListingApp } from './support/listing-app.js';
import type { ListingApp } from './support/listing-app.js';

const FLAGS = join(import.meta.dirname, '../fixtures/diff-listing-flags.ts');

/** The pod's ConfigMap at start: two secrets among them, and a key no flag declares. */
const POD = {
  port: '8080',
  rate_limit: '10',
  mode: 'fast',
  banner: 'hello',
  limits: '{"burst": 9, "tier": "gold"}',
  tags: 'a,c',
  api_key: 'hunter2',
  pin: '4821',
  legacy_knob: 'on',
};

/** The change under review: one key of each kind of outcome. */
const NEXT = {
  port: '8081', // static: restart
  rate_limit: '-5', // refused by the application's validator (with --flags)
  mode: 'fast', // unchanged
  limits: '{ "tier": "gold",\n  "burst": 9 }', // the same JSON, written differently
  tags: 'c, a', // the same set
  timeout: '2s', // new key: the default served until now
  api_key: 'bad sk_live_X9q', // sensitive, refused by a validator that quotes it
  pin: '4821', // sensitive, in both: cannot be compared over the listing
  rate_limt: '50', // a typo: unknown
  // banner: removed, falls back to its default ''; legacy_knob: unknown, removed
};

describe('dflag diff against a running application listing over HTTP', () => {
  let app: ListingApp | undefined;
  let root: string;
  beforeEach(async () => {
    root = await makeTempDir('dflag-diff-');
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    delete process.env.DFLAG_DIFF_TOKEN;
    await removeTempDir(root);
  });

  const url = () => `${app?.origin ?? ''}/debug/flags`;

  it('with --flags: per key unchanged, old → new, refused, static, removed, unknown; secrets never shown; exit 1', async () => {
    app = await startListingApp({ listen: true, payload: POD });
    await writeManifest(root, 'next.yaml', NEXT);
    const run = await runDflag(root, [
      'diff',
      '-f',
      'next.yaml',
      '--against',
      url(),
      '--flags',
      FLAGS,
    ]);
    expect(run.err).toBe('');
    expect(run.code).toBe(1);
    const hostname = (await (await fetch(url())).json()) as { hostname: string };
    expect(run.out).toBe(
      [
        'api_key: refused: the value is refused (the reason is not shown for a sensitive flag); the pod keeps [redacted]',
        'banner: removed (was hello); falls back to "" (its default)',
        'legacy_knob: unknown key: the pod declares no flag of that name; ignored (removed from the ConfigMap)',
        'limits: unchanged',
        'mode: unchanged',
        'pin: [redacted] → [redacted]? a sensitive value: the listing never shows it, so whether it changes cannot be told (counted as a change; diff against a directory to compare); static flag: takes effect on restart',
        'port: 8080 → 8081; static flag: takes effect on restart',
        "rate_limit: refused: must not be negative; expected a value that passes the flag's validation; the pod keeps 10",
        'rate_limt: unknown key: the pod declares no flag of that name; ignored (new in the ConfigMap)',
        'tags: unchanged',
        'timeout: 1s (its default) → 2s',
        `ConfigMap app-config against ${url()} (pod ${hostname.hostname}): 2 changed, 2 refused, 1 removed, 1 undetermined, 2 unknown, 3 unchanged`,
        '',
      ].join('\n'),
    );
    expectNoSecret('dflag diff output', run.out);
    // The pod was not touched: a diff only reads.
    expect(app.service.get('rate_limit')).toBe(10);
  });

  it('says when the pod does not apply its ConfigMap as the diff shows: a reload refused keys, its watcher stopped', async () => {
    app = await startListingApp({ listen: true, payload: POD });
    // The pod's next version: a refused value (it keeps 10), and a secret refused by its validator.
    await app.volume.write({ ...POD, rate_limit: '-5', api_key: 'bad sk_live_X9q' });
    await app.waitForGeneration(2);
    await writeManifest(root, 'next.yaml', { ...POD, mode: 'slow' });
    const args = ['diff', '-f', 'next.yaml', '--against', url(), '--flags', FLAGS];
    const run = await runDflag(root, args);
    expect(run.code).toBe(1);
    expect(run.out).toContain(
      "warning: the pod's last reload refused 2 keys (see its listing): those keep earlier values",
    );
    expectNoSecret('dflag diff of a pod with refused keys', run.out + run.err);
    const json = JSON.parse((await runDflag(root, [...args, '--json'])).out) as DiffReport;
    expect(json.against).toMatchObject({
      pod_warnings: [expect.stringContaining('refused 2 keys')],
    });

    // Its engine stopped (the module closing): the listing says so, and so does the diff.
    await engineOfService(app.service)?.stop();
    const stopped = await runDflag(root, args);
    expect(stopped.out).toContain(
      'warning: the pod is not following its ConfigMap (watch mode stopped)',
    );
  });

  it('says when the pod refused its latest version as a whole (reject-version): an earlier one serves', async () => {
    app = await startListingApp({
      listen: true,
      payload: POD,
      dflag: { onInvalid: 'reject-version' },
    });
    const before = (await (await fetch(url())).json()) as { configmap: { version: string } };
    await app.volume.write({ ...POD, rate_limit: '-5' });
    await eventually(async () => {
      const now = (await (await fetch(url())).json()) as { configmap: { latest_refused: boolean } };
      expect(now.configmap.latest_refused).toBe(true);
    });
    await writeManifest(root, 'next.yaml', POD);
    const run = await runDflag(root, ['diff', '-f', 'next.yaml', '--against', url()]);
    expect(run.out).toContain(`warning: the pod refused its latest version (..`);
    expect(run.out).toContain(`as a whole and serves ${before.configmap.version}`);
  });

  it('--json: the documented shape, sorted by key, values redacted', async () => {
    app = await startListingApp({ listen: true, payload: POD });
    await writeManifest(root, 'next.yaml', NEXT);
    const run = await runDflag(root, [
      'diff',
      '-f',
      'next.yaml',
      '--against',
      url(),
      '--flags',
      FLAGS,
      '--json',
    ]);
    expect(run.code).toBe(1);
    expectNoSecret('dflag diff --json', run.out);
    const report = JSON.parse(run.out) as DiffReport;
    expect(Object.keys(report)).toEqual([
      'version',
      'against',
      'sources',
      'compared',
      'keys',
      'counts',
      'differs',
    ]);
    expect(report).toMatchObject({
      version: 1,
      against: {
        kind: 'listing',
        url: url(),
        registration: 'default',
        flag_set: 'app',
        pod_warnings: [],
      },
      sources: [{ kind: 'ConfigMap', name: 'app-config' }],
      compared: 'flags',
      counts: { changed: 2, refused: 2, removed: 1, undetermined: 1, unknown: 2, unchanged: 3 },
      differs: true,
    });
    const keys = Object.fromEntries(report.keys.map((k) => [k.key, k]));
    expect(report.keys.map((k) => k.key)).toEqual([...report.keys.map((k) => k.key)].sort());
    expect(keys['port']).toEqual({
      key: 'port',
      status: 'changed',
      restart: true,
      sensitive: false,
      dynamic: false,
      old: { value: '8080', source: 'configmap' },
      new: { value: '8081', source: 'configmap' },
      reason: null,
      notes: [],
    });
    expect(keys['banner']).toMatchObject({
      status: 'removed',
      old: { value: 'hello', source: 'configmap' },
      new: { value: '', source: 'default' },
    });
    expect(keys['timeout']).toMatchObject({
      status: 'changed',
      old: { value: '1s', source: 'default' },
      new: { value: '2s', source: 'configmap' },
    });
    expect(keys['api_key']).toMatchObject({
      status: 'refused',
      sensitive: true,
      old: { value: '[redacted]' },
      new: { value: '[redacted]' },
    });
    expect(keys['rate_limt']).toMatchObject({ status: 'unknown', old: null, new: null });
  });

  it('without --flags: typed by the listing, validators not run (a negative rate is a change)', async () => {
    app = await startListingApp({ listen: true, payload: POD });
    await writeManifest(root, 'next.yaml', NEXT);
    const run = await runDflag(root, ['diff', '-f', 'next.yaml', '--against', url()]);
    expect(run.code).toBe(1);
    expect(run.out).toContain('rate_limit: 10 → -5\n');
    expect(run.out).toContain('limits: unchanged\n');
    // The pod's own validator quotes the value; without --flags it is not run, and the value is
    // only shown redacted either way.
    expect(run.out).toContain('api_key: [redacted] → [redacted]? a sensitive value');
    expect(run.out).toContain(
      "note: without --flags, values are checked against each flag's type only: the application's validators are not run\n",
    );
    expectNoSecret('dflag diff output (no --flags)', run.out);
  });

  it('exits 0 when the manifest holds what the pod already has (reformatted values included)', async () => {
    app = await startListingApp({
      listen: true,
      payload: { port: '8080', rate_limit: '10', limits: '{"burst": 9}' },
    });
    await writeManifest(root, 'same.yaml', {
      port: '8080',
      rate_limit: '10',
      limits: '{\n  "burst": 9\n}',
    });
    const run = await runDflag(root, [
      'diff',
      '-f',
      'same.yaml',
      '--against',
      url(),
      '--flags',
      FLAGS,
    ]);
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(run.out).toMatch(/: nothing would change \(3 unchanged\)\n$/);
  });

  it('a Secret given beside the ConfigMap (a projected volume): its keys are redacted, whatever the flag declares', async () => {
    app = await startListingApp({
      listen: true,
      payload: { rate_limit: '10', api_key: 'hunter2' },
    });
    await writeManifest(root, 'cm.yaml', { rate_limit: '10' });
    await writeManifest(root, 'secret.yaml', { api_key: 'hunter3', mode: '73' }, 'Secret');
    const run = await runDflag(root, [
      'diff',
      '-f',
      'cm.yaml',
      '-f',
      'secret.yaml',
      '--against',
      url(),
      '--flags',
      FLAGS,
    ]);
    expect(run.code).toBe(1);
    expect(run.out).toContain('mode: [redacted] (its default) → [redacted]\n');
    expect(run.out).toMatch(/ConfigMap app-config \+ Secret app-secret against /);
    expectNoSecret('dflag diff output (Secret)', run.out);
  });

  it('a guarded listing: 401 without the token (exit 2, naming the URL and status), the diff with -H', async () => {
    process.env.DFLAG_DIFF_TOKEN = 'hunter3';
    app = await startListingApp({
      listen: true,
      payload: { rate_limit: '10' },
      listing: { guards: [new BearerTokenGuard({ env: 'DFLAG_DIFF_TOKEN' })] },
    });
    await writeManifest(root, 'next.yaml', { rate_limit: '20' });
    const refused = await runDflag(root, ['diff', '-f', 'next.yaml', '--against', url()]);
    expect(refused).toEqual({
      code: 2,
      out: '',
      err:
        `dflag diff: the listing at ${url()} answered 401 Unauthorized: it needs credentials; ` +
        'give them with -H (e.g. -H "Authorization: Bearer $TOKEN")\n',
    });
    const wrong = await runDflag(root, [
      'diff',
      '-f',
      'next.yaml',
      '--against',
      url(),
      '-H',
      'Authorization: Bearer hunter2',
    ]);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('answered 401');
    expectNoSecret('a refused diff', wrong.err);

    const run = await runDflag(root, [
      'diff',
      '-f',
      'next.yaml',
      '--against',
      url(),
      '-H',
      'Authorization: Bearer hunter3',
    ]);
    expect(run).toMatchObject({ code: 1, err: '' });
    expect(run.out).toMatch(/^rate_limit: 10 → 20\n/);
    expectNoSecret('a guarded diff', run.out);
  });

  it('a listing whose guard refuses: 403, exit 2 with what to check', async () => {
    app = await startListingApp({
      listen: true,
      payload: { rate_limit: '10' },
      listing: { guards: [{ canActivate: () => false }] },
    });
    await writeManifest(root, 'next.yaml', { rate_limit: '20' });
    const run = await runDflag(root, ['diff', '-f', 'next.yaml', '--against', url()]);
    expect(run.code).toBe(2);
    expect(run.err).toBe(
      `dflag diff: the listing at ${url()} answered 403 Forbidden: its guards or its Host check ` +
        'refused the request (check the -H credentials, and reach it as localhost, an IP address ' +
        'or a name in allowedHosts)\n',
    );
  });

  it('-H "Host: …" is the Host the listing sees (a virtual host reached through an address)', async () => {
    const seenHosts: unknown[] = [];
    app = await startListingApp({
      listen: true,
      payload: { rate_limit: '10' },
      listing: {
        allowedHosts: ['flags.internal'],
        guards: [
          {
            canActivate: (context) => {
              const host = context.switchToHttp().getRequest<{ headers: { host?: string } }>()
                .headers.host;
              seenHosts.push(host);
              return host === 'flags.internal';
            },
          },
        ],
      },
    });
    await writeManifest(root, 'next.yaml', { rate_limit: '20' });
    const args = ['diff', '-f', 'next.yaml', '--against', url()];
    const direct = await runDflag(root, args);
    expect(direct.code).toBe(2);
    expect(direct.err).toContain('answered 403 Forbidden');
    const run = await runDflag(root, [...args, '-H', 'Host: flags.internal']);
    expect(run).toMatchObject({ code: 1, err: '' });
    expect(run.out).toMatch(/^rate_limit: 10 → 20\n/);
    expect(seenHosts).toEqual([new URL(url()).host, 'flags.internal']);
  });

  it('trouble is exit 2: an HTML answer, a filtered listing, a bad -H, an unreachable pod', async () => {
    app = await startListingApp({ listen: true, payload: { rate_limit: '10' } });
    await writeManifest(root, 'next.yaml', { rate_limit: '20' });
    const html = await runDflag(root, [
      'diff',
      '-f',
      'next.yaml',
      '--against',
      `${url()}?format=html`,
    ]);
    expect(html.code).toBe(2);
    expect(html.err).toContain(
      `the listing at ${url()}?format=html did not answer JSON (Content-Type: text/html`,
    );

    const filtered = await runDflag(root, [
      'diff',
      '-f',
      'next.yaml',
      '--against',
      `${url()}?type=dynamic`,
    ]);
    expect(filtered.code).toBe(2);
    expect(filtered.err).toContain('is filtered (?type or ?only_changed)');

    const badHeader = await runDflag(root, [
      'diff',
      '-f',
      'next.yaml',
      '--against',
      url(),
      '-H',
      'Authorization Bearer hunter3',
    ]);
    expect(badHeader.code).toBe(2);
    expect(badHeader.err).toMatch(/^dflag diff: header 1 \(-H\) is not "Name: value"/);
    expect(badHeader.err).not.toContain('hunter3');
    // A value HTTP cannot carry (a control character, a character over U+00FF) is refused as
    // given, not sent and then reported as an unreachable pod; never quoted.
    for (const value of ['Bearer hunter3\u0001', 'Bearer hunter3\u20ac']) {
      const unsendable = await runDflag(root, [
        'diff',
        '-f',
        'next.yaml',
        '--against',
        url(),
        '-H',
        'X-Team: a',
        '-H',
        `Authorization: ${value}`,
      ]);
      expect(unsendable.code).toBe(2);
      expect(unsendable.err).toMatch(/^dflag diff: header 2 \(-H\) is not "Name: value"/);
      expect(unsendable.err).not.toContain('hunter3');
    }

    const origin = app.origin ?? '';
    await app.close();
    app = undefined;
    const gone = await runDflag(root, [
      'diff',
      '-f',
      'next.yaml',
      '--against',
      `${origin}/debug/flags`,
    ]);
    expect(gone.code).toBe(2);
    expect(gone.err).toMatch(
      /^dflag diff: cannot reach the listing at http:\/\/127\.0\.0\.1:\d+\/debug\/flags: .*ECONNREFUSED/,
    );
  });

  describe('answers that are not a listing', () => {
    let server: Server | undefined;
    afterEach(async () => {
      await new Promise((done) => (server ? server.close(done) : done(undefined)));
      server = undefined;
    });
    async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
      server = createServer(handler);
      await new Promise<void>((done) => server?.listen(0, '127.0.0.1', done));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/debug/flags`;
    }

    it('a redirect is not followed (it would carry the -H credentials elsewhere)', async () => {
      let requests = 0;
      const target = await serve((req, res) => {
        requests++;
        res.writeHead(302, { Location: 'http://elsewhere.example/debug/flags' }).end();
      });
      await writeManifest(root, 'next.yaml', { rate_limit: '20' });
      const run = await runDflag(root, [
        'diff',
        '-f',
        'next.yaml',
        '--against',
        target,
        '-H',
        'Authorization: Bearer hunter3',
      ]);
      expect(run.code).toBe(2);
      expect(run.err).toContain(
        `the listing at ${target} answered 302, a redirect to http://elsewhere.example/debug/flags: dflag diff does not follow redirects`,
      );
      expect(requests).toBe(1);
    });

    it('JSON that is not a listing, and a pod that does not answer within --timeout', async () => {
      const target = await serve((req, res) => {
        if (req.url?.includes('slow')) return; // never answers
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"hello": "world"}');
      });
      await writeManifest(root, 'next.yaml', { rate_limit: '20' });
      const notListing = await runDflag(root, ['diff', '-f', 'next.yaml', '--against', target]);
      expect(notListing).toMatchObject({
        code: 2,
        err: `dflag diff: the answer of ${target} is not a dflag listing: no "flags" array\n`,
      });
      const slow = await runDflag(root, [
        'diff',
        '-f',
        'next.yaml',
        '--against',
        `${target}?slow`,
        '--timeout',
        '300ms',
      ]);
      expect(slow).toMatchObject({
        code: 2,
        err: `dflag diff: the listing at ${target}?slow did not answer within 300ms (--timeout)\n`,
      });
      server?.closeAllConnections();
    });
  });
});
