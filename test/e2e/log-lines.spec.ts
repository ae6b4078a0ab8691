import { ConsoleLogger, Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import { DflagModule, FlagService } from '../../lib/index.js';
import type { DflagLogger, FlagSet } from '../../lib/index.js';
import { withJsonFields, writesJson } from '../../lib/logs/json-fields.util.js';
import { eventually } from '../utils/eventually.js';
import { makeAppFlags } from './support/app-flags.js';
import { CapturingLogger } from './support/capturing-logger.js';
import type { CapturedLine } from './support/capturing-logger.js';
import { createVolume } from './support/volume.js';
import type { TestVolume } from './support/volume.js';

/** JsonCapture is Nest's own JSON ConsoleLogger, keeping the records it would print. */
class JsonCapture extends ConsoleLogger {
  readonly records: Array<Record<string, unknown>> = [];
  constructor() {
    super({ json: true });
  }
  protected override printAsJson(
    message: unknown,
    options: Parameters<ConsoleLogger['printAsJson']>[1],
  ): void {
    this.records.push(
      JSON.parse(this.stringifyJsonLogObject(this.getJsonLogObject(message, options))) as Record<
        string,
        unknown
      >,
    );
  }
}

// A short numeric secret: the kind a careless redaction (a parsed number, a hash) lets through.
const SECRET = '7319';

describe('the operator log lines', () => {
  let volume: TestVolume;
  let app: INestApplication | undefined;

  beforeEach(async () => {
    volume = await createVolume({ port: '8080', rate_limit: '10', api_key: 'k1' });
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await volume.remove();
  });

  async function start(): Promise<{
    flagSet: FlagSet;
    logger: CapturingLogger;
    service: FlagService;
  }> {
    const { flagSet } = makeAppFlags();
    const logger = new CapturingLogger();
    @Module({
      imports: [
        EventEmitterModule.forRoot(),
        DflagModule.forRoot({ path: volume.dir, flagSet, logger }),
      ],
    })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    return { flagSet, logger, service: app.get(FlagService) };
  }

  /** Text of a line with the parts that are not about values (version, checksums) taken out. */
  const valuesOf = (line: CapturedLine, service: FlagService): string => {
    const { version, checksums } = service.status();
    let text = `${line.message} ${JSON.stringify(line.fields)}`;
    for (const part of [version ?? '', checksums.dynamic, checksums.static, volume.dir])
      text = text.split(part).join('');
    return text;
  };

  it('writes one line at start with path, layout, version, generation, checksums and the ConfigMap count', async () => {
    const { logger, service } = await start();
    const { version, checksums } = service.status();
    expect(logger.messages()).toEqual([
      `log: Flag set "app" loaded from ${volume.dir} (kubelet layout, version ${version}, generation 1): 3 flags set by the ConfigMap; checksums dynamic ${checksums.dynamic}, static ${checksums.static}`,
    ]);
    expect(logger.lines[0]?.fields).toEqual({
      event: 'dflag.loaded',
      flagSet: 'app',
      path: volume.dir,
      layout: 'kubelet',
      version,
      generation: 1,
      checksums: { dynamic: checksums.dynamic, static: checksums.static },
      fromConfigMap: 3,
    });
  });

  it('writes one line per ConfigMap version, redacted and escaped, and nothing for a no-op', async () => {
    const { logger, service } = await start();
    await volume.write({ port: '8080', rate_limit: '20', mode: 'a\nb', api_key: SECRET });
    await eventually(() => expect(logger.lines).toHaveLength(2));
    const { version } = service.status();
    const line = logger.lines[1] as CapturedLine;
    expect(`${line.level}: ${line.message}`).toBe(
      `log: Flag set "app" changed from configmap (version ${version}): rate_limit: 10 → 20, mode: normal → a\\nb, api_key: [redacted] → [redacted]`,
    );
    expect(line.fields).toEqual({
      event: 'dflag.changed',
      flagSet: 'app',
      path: volume.dir,
      version,
      generation: 2,
      source: 'configmap',
      changes: [
        { name: 'rate_limit', previous: '10', current: '20', source: 'configmap' },
        { name: 'mode', previous: 'normal', current: 'a\\nb', source: 'configmap' },
        { name: 'api_key', previous: '[redacted]', current: '[redacted]', source: 'configmap' },
      ],
    });
    expect(valuesOf(line, service)).not.toContain(SECRET);
    expect(line.message).not.toContain('\n');

    // Other text, the same values (0x14 is 20): a new version, and a quiet pod.
    await volume.write({ port: '8080', rate_limit: '0x14', mode: 'a\nb', api_key: SECRET });
    await eventually(() => expect(service.status().version).not.toBe(version));
    expect(service.status().generation).toBe(3);
    await service.reload();
    expect(logger.lines).toHaveLength(2);
  });

  it('logs changes made through the flag set after start with their source', async () => {
    const { flagSet, logger, service } = await start();
    const { version } = service.status();
    const restore = flagSet.override({ rate_limit: 1, api_key: SECRET });
    restore();
    expect(logger.messages().slice(1)).toEqual([
      `log: Flag set "app" changed from override (version ${version}): rate_limit: 10 → 1, api_key: [redacted] → [redacted]`,
      `log: Flag set "app" changed from configmap (version ${version}): rate_limit: 1 → 10, api_key: [redacted] → [redacted]`,
    ]);
    for (const line of logger.lines) expect(valuesOf(line, service)).not.toContain(SECRET);
  });

  it("keeps the order of the changes: an override made right after a version's swap is logged after the version's line", async () => {
    const { flagSet, logger, service } = await start();
    const engineBatch = new Promise<void>((resolve) =>
      flagSet.onBatch((batch) => {
        if (batch.tag === undefined) return;
        // In the swap's own turn, before the version's line is written (it is built later).
        queueMicrotask(() => flagSet.override({ rate_limit: 1 }));
        resolve();
      }),
    );
    await volume.write({ port: '8080', rate_limit: '20', api_key: 'k1' });
    await engineBatch;
    await eventually(() => expect(logger.lines).toHaveLength(3));
    const { version } = service.status();
    expect(logger.messages().slice(1)).toEqual([
      `log: Flag set "app" changed from configmap (version ${version}): rate_limit: 10 → 20`,
      `log: Flag set "app" changed from override (version ${version}): rate_limit: 20 → 1`,
    ]);
  });

  it('cuts a long value short', async () => {
    const { flagSet, logger } = await start();
    flagSet.override({ mode: 'x'.repeat(500) });
    const message = logger.lines[1]?.message ?? '';
    expect(message).toContain(`mode: normal → ${'x'.repeat(79)}…`);
    expect(message).not.toContain('x'.repeat(80));
  });

  it('warns once per version for a static flag pending restart; refused values are warned once', async () => {
    const { logger, service } = await start();
    await volume.write({ port: '9090', rate_limit: '10', api_key: 'k1' });
    await eventually(() => expect(service.status().pendingRestart).toEqual(['port']));
    await service.reload();
    expect(logger.messages().slice(1)).toEqual([
      `warn: Static flag "port" (${volume.dir}/port) changed in the ConfigMap: it takes effect on restart`,
    ]);

    // The next version still holds it (warned again: once per version) and refuses a value
    // (the engine's own warning, not doubled); the one after changes a value.
    await volume.write({ port: '9090', rate_limit: '-1', api_key: 'k1' });
    await volume.write({ port: '9090', rate_limit: '10', mode: 'fast', api_key: 'k1' });
    const changeLine = (m: string): boolean => m.endsWith(': mode: normal → fast');
    await eventually(() => expect(logger.messages().some(changeLine)).toBe(true));
    const later = logger
      .messages()
      .slice(2)
      .filter((m) => !changeLine(m));
    const refusal = later.filter((m) => m.includes('refused "-1"'));
    expect(refusal.length).toBeLessThanOrEqual(1);
    // The versions in between may be merged by the watcher: one warning per version processed.
    const processed = service.status().generation - 3; // start, the first version, its manual reload
    expect(later.filter((m) => m.startsWith('warn: Static flag "port"')).length).toBe(processed);
    expect(later.filter((m) => !m.startsWith('warn: '))).toEqual([]);
  });

  it("gives Nest's JSON ConsoleLogger the same facts as fields, under the DflagModule context", async () => {
    const { flagSet } = makeAppFlags();
    const json = new JsonCapture();
    @Module({
      imports: [EventEmitterModule.forRoot(), DflagModule.forRoot({ path: volume.dir, flagSet })],
    })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: json });
    await app.init();
    flagSet.override({ mode: 'a\nb', api_key: SECRET });
    const ours = (): Array<Record<string, unknown>> =>
      json.records.filter((r) => r.context === 'DflagModule');
    await eventually(() => expect(ours()).toHaveLength(2));
    const [loaded, changed] = ours();
    expect(loaded).toMatchObject({
      level: 'log',
      params: { event: 'dflag.loaded', flagSet: 'app', layout: 'kubelet', fromConfigMap: 3 },
    });
    expect(changed).toMatchObject({
      level: 'log',
      message: expect.stringContaining('mode: normal → a\\nb, api_key: [redacted] → [redacted]'),
      params: {
        event: 'dflag.changed',
        source: 'override',
        changes: [
          { name: 'mode', previous: 'normal', current: 'a\\nb', source: 'override' },
          { name: 'api_key', previous: '[redacted]', current: '[redacted]', source: 'override' },
        ],
      },
    });
    expect(
      JSON.stringify((changed as { params: { changes: unknown } }).params.changes),
    ).not.toContain(SECRET);
  });
});

describe('the operator log lines with a text logger', () => {
  it('a text logger gets the line alone (no object printed as a second line); a JSON one gets the fields', () => {
    const text: unknown[][] = [];
    const json: unknown[][] = [];
    const textLogger = withJsonFields({
      log: (...args: unknown[]) => text.push(args),
      warn: () => undefined,
      error: () => undefined,
    });
    const jsonLogger = withJsonFields({
      json: true,
      log: (...args: unknown[]) => json.push(args),
      warn: () => undefined,
      error: () => undefined,
    } as DflagLogger);
    textLogger.log('line', { a: 1 });
    jsonLogger.log('line', { a: 1 });
    expect(text).toEqual([['line']]);
    expect(json).toEqual([['line', { a: 1 }]]);
    expect(writesJson({ localInstance: new ConsoleLogger() })).toBe(false); // a Nest Logger over a text one
    expect(writesJson({ localInstance: new ConsoleLogger({ json: true }) })).toBe(true);
  });
});
