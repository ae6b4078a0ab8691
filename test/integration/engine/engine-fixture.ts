import { ConfigMapEngine } from '../../../lib/configmap/configmap-engine.js';
import type { EngineSeams } from '../../../lib/configmap/configmap-engine.js';
import type { ConfigMapEngineOptions } from '../../../lib/configmap/configmap-options.interface.js';
import type { DflagLogger } from '../../../lib/configmap/dflag-logger.interface.js';
import type { ReloadReport } from '../../../lib/configmap/reload-report.interface.js';
import { defineFlags, flag, FlagSet } from '../../../lib/index.js';
import { makeTempDir, removeTempDir } from '../../utils/temp-dir.js';

/** declareFlags: the flags most engine tests use, in a fresh set. */
export function declareFlags() {
  const set = new FlagSet('engine-test');
  const flags = defineFlags(
    {
      greeting: flag.string({ default: 'hello', description: 'greeting', dynamic: true }),
      rate: flag.int({
        default: 10,
        description: 'rate',
        dynamic: true,
        validate: (n) => n >= 0 || 'must be >= 0',
      }),
      policy: flag.json({ default: { allow: true }, description: 'policy', dynamic: true }),
      blob: flag.bytes({ default: new Uint8Array(), description: 'blob', dynamic: true }),
      port: flag.int({ default: 8080, description: 'port (static)' }),
    },
    set,
  );
  return { set, flags };
}

/** A logger that records what the engine says. */
export function recordingLogger(): DflagLogger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    log: (m) => lines.push(`log ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m) => lines.push(`error ${m}`),
  };
}

/** Harness: a temporary volume dir, engines created in it, all stopped and removed afterwards. */
export class Harness {
  dir = '';
  readonly engines: ConfigMapEngine[] = [];

  async setup(): Promise<void> {
    this.dir = await makeTempDir('dflag-engine-');
  }

  engine(
    set: FlagSet,
    options: Partial<ConfigMapEngineOptions> = {},
    seams?: EngineSeams,
  ): {
    engine: ConfigMapEngine;
    reports: ReloadReport[];
    logger: ReturnType<typeof recordingLogger>;
  } {
    const logger = recordingLogger();
    const engine = new ConfigMapEngine(
      { path: this.dir, flagSet: set, logger, resyncInterval: 0, settleDelay: 30, ...options },
      seams,
    );
    const reports: ReloadReport[] = [];
    engine.onReload((r) => reports.push(r));
    this.engines.push(engine);
    return { engine, reports, logger };
  }

  async teardown(): Promise<void> {
    await Promise.all(this.engines.map((e) => e.stop()));
    this.engines.length = 0;
    await removeTempDir(this.dir);
  }
}

/** changed lists the names changed by each report. */
export const changedNames = (reports: readonly ReloadReport[]): string[][] =>
  reports.map((r) => r.changes.map((c) => c.name));
