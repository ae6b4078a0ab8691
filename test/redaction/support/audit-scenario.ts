import { Module } from '@nestjs/common';
import type { INestApplication, LoggerService, ModuleMetadata } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import { DflagModule, FlagService } from '../../../lib/index.js';
import type { FlagChecksums } from '../../../lib/index.js';
import { EventRecorder } from '../../e2e/support/recorder.js';
import { createVolume } from '../../e2e/support/volume.js';
import { eventually } from '../../utils/eventually.js';
import { flags, flagSet } from './audit-flags.js';
import { OVERRIDE_SECRET, VERSIONS } from './secret-values.js';

/** What a surface's audit reads at each step of the scenario. */
export interface AuditContext {
  readonly app: INestApplication;
  readonly service: FlagService;
  readonly recorder: EventRecorder;
  /** The step just taken: `start`, a version's name, `override` or `undo`. */
  readonly step: string;
}

export interface AuditOptions {
  /** Modules, controllers and providers the surface needs beside DflagModule (health, listing …). */
  readonly metadata?: ModuleMetadata;
  /** The application's logger (Nest's default logger is silenced when absent). */
  readonly logger?: LoggerService;
  /** Reads the surface after each step; what it returns is audited for secrets. */
  readonly collect: (context: AuditContext) => Promise<string> | string;
}

export interface AuditResult {
  /** What `collect` returned, by step. */
  readonly texts: ReadonlyMap<string, string>;
  /** The published checksums before and after the version that changed only secrets. */
  readonly checksumsAround: readonly [FlagChecksums, FlagChecksums];
  readonly recorder: EventRecorder;
}

/**
 * runAuditScenario runs a real Nest application over a kubelet-style volume through every way a
 * sensitive value can change — a start, an applied version (a static secret pending restart), a
 * partial one whose secrets a validator and a parser refuse, one that changes only secrets, a
 * run-time `override()` and its undo — and lets the surface under audit read itself after each.
 */
export async function runAuditScenario(options: AuditOptions): Promise<AuditResult> {
  const volume = await createVolume(VERSIONS.start);
  const metadata = options.metadata ?? {};
  @Module({
    ...metadata,
    imports: [
      EventEmitterModule.forRoot(),
      DflagModule.forRoot({ path: volume.dir, flagSet }),
      ...(metadata.imports ?? []),
    ],
    providers: [EventRecorder, ...(metadata.providers ?? [])],
  })
  class AuditModule {}

  const texts = new Map<string, string>();
  let app: INestApplication | undefined;
  try {
    const moduleRef = await Test.createTestingModule({ imports: [AuditModule] }).compile();
    app = moduleRef.createNestApplication({ logger: options.logger ?? false });
    await app.init();
    const service = app.get(FlagService);
    const recorder = app.get(EventRecorder);
    const collect = async (step: string) =>
      texts.set(step, await options.collect({ app: app!, service, recorder, step }));

    await collect('start');

    await volume.write(VERSIONS.changed);
    await eventually(() => {
      expect(flags.rate.get()).toBe(2);
      expect(service.status().pendingRestart).toEqual(['db_password']);
      expect(recorder.reloaded).toHaveLength(1);
    });
    await collect('changed');

    await volume.write(VERSIONS.refused);
    await eventually(() => {
      expect(flags.rate.get()).toBe(3);
      expect(service.status().errors).toHaveLength(2);
      expect(recorder.reloaded).toHaveLength(2);
    });
    await collect('refused');
    const before = service.status().checksums;

    await volume.write(VERSIONS.secretOnly);
    await eventually(() => {
      expect(flags.pin.get()).toBe(74);
      expect(recorder.reloaded).toHaveLength(3);
    });
    await collect('secretOnly');
    const after = service.status().checksums;

    const changes = recorder.changed.length;
    const undo = flagSet.override({ api_token: OVERRIDE_SECRET });
    await eventually(() => expect(recorder.changed).toHaveLength(changes + 1));
    await collect('override');
    // Counted again: a surface's `collect` may make changes of its own (the setter's requests).
    const beforeUndo = recorder.changed.length;
    undo();
    await eventually(() => expect(recorder.changed).toHaveLength(beforeUndo + 1));
    await collect('undo');

    return { texts, checksumsAround: [before, after], recorder };
  } finally {
    await app?.close();
    await volume.remove();
  }
}
