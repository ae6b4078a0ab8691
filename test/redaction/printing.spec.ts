import assert from 'node:assert';
import { inspect } from 'node:util';
import { ConfigMapEngine } from '../../lib/configmap/configmap-engine.js';
import type { FlagChange, ReloadReport } from '../../lib/index.js';
import { FlagService } from '../../lib/index.js';
import { DflagTestingModule } from '../../lib/testing/index.js';
import { writeConfigMapVolume } from '../../lib/testing/index.js';
import { Test } from '@nestjs/testing';
import { makeTempDir, removeTempDir } from '../utils/temp-dir.js';
import { runAuditScenario } from './support/audit-scenario.js';
import { flags, flagSet } from './support/audit-flags.js';
import { expectNoSecret, VERSIONS } from './support/secret-values.js';

/** A failed assertion about `value`: its message and its diff, as the test runner prints them. */
function assertionAbout(value: unknown): string {
  const failures = [
    () => expect(value).toBe('another value'),
    () => expect(value).toEqual({ another: 'value' }),
  ].map((assert) => {
    try {
      assert();
    } catch (error) {
      const { message, diff } = error as Error & { diff?: string };
      return `${message}\n${diff ?? ''}`;
    }
    throw new Error('the assertion did not fail');
  });
  return failures.join('\n');
}

/**
 * A failed `node:assert` assertion about `value` (what `node --test` prints): its diff inspects
 * with `customInspect: false`, so that an object's own view is not used, its fields are.
 */
function nodeAssertionAbout(value: unknown): string {
  const failures = [
    () => assert.deepStrictEqual(value, { another: 'value' }),
    () => assert.strictEqual(value, 'another value'),
  ].map((check) => {
    try {
      check();
    } catch (error) {
      return (error as Error).message;
    }
    return '';
  });
  return failures.join('\n');
}

/**
 * Every way a program prints or copies an object: `console.log`, a JSON logger, an assertion diff
 * (vitest's, `node:assert`'s), what sees its fields and not its own view (`util.inspect` with
 * `customInspect: false`, even with hidden properties; a spread; `structuredClone`).
 */
const printed = (value: unknown): string =>
  [
    inspect(value, { depth: Infinity }),
    inspect(value, { depth: Infinity, showHidden: true, getters: true }),
    inspect(value, { depth: Infinity, customInspect: false, getters: true }),
    inspect(value, { depth: Infinity, customInspect: false, showHidden: true }),
    JSON.stringify(value) ?? '',
    assertionAbout(value),
    nodeAssertionAbout(value),
    inspect(value !== null && typeof value === 'object' ? { ...value } : value, {
      depth: Infinity,
      customInspect: false,
    }),
    cloned(value),
  ].join('\n');

/** cloned is what `structuredClone` keeps of a value (its own enumerable fields), printed. */
function cloned(value: unknown): string {
  try {
    return inspect(structuredClone(value), { depth: Infinity, customInspect: false });
  } catch {
    return ''; // holds functions or class instances it cannot clone: nothing kept
  }
}

describe('redaction audit: printing what the application holds', () => {
  it('the handles, a handle, the flag set, the service and its changes print no secret at any step', async () => {
    const changes: FlagChange[] = [];
    const offs = [...flagSet].map((flag) => flag.onChange((change) => changes.push(change)));
    try {
      const { texts } = await runAuditScenario({
        collect: ({ service }) =>
          [
            printed({ flags, one: flags.api_token, flagSet, service, changes: [...changes] }),
            printed(flags.api_token),
            printed(flagSet),
            printed(changes.at(-1)),
          ].join('\n'),
      });
      for (const [step, text] of texts) expectNoSecret(`printed after ${step}`, text);
      // What is printed is still useful: names, layers, and a plain flag's value.
      const after = texts.get('changed') as string;
      expect(after).toContain("name: 'rate'");
      expect(after).toContain(`value: '${VERSIONS.changed.rate}'`);
      expect(after).toContain("value: '[redacted]'");
      expect(after).toContain('"source":"configmap"');
      expect(changes.some((c) => c.sensitive && c.current === VERSIONS.changed.pin)).toBe(false);
      expect(changes.some((c) => c.sensitive && c.current === Number(VERSIONS.changed.pin))).toBe(
        true,
      );
    } finally {
      for (const off of offs) off();
    }
  });

  it("prints when called as a test runner's reporter calls it: without inspect, options or depth", async () => {
    const { texts } = await runAuditScenario({
      collect: () =>
        [flags.api_token, flagSet]
          .map((value) => {
            const view = (value as unknown as Record<symbol, (...args: unknown[]) => string>)[
              Symbol.for('nodejs.util.inspect.custom')
            ];
            return [view?.call(value), view?.call(value, 2, {}), view?.call(value, -1, {})].join(
              '\n',
            );
          })
          .join('\n'),
    });
    for (const [step, text] of texts) expectNoSecret(`viewed after ${step}`, text);
    const after = texts.get('changed') as string;
    expect(after).toContain("Flag {\n  name: 'api_token'");
    expect(after).toContain("value: '[redacted]'");
    expect(after).toContain('[Flag]');
  });

  it('the engine and its reports print no secret, though the bytes it read and every layer are in it', async () => {
    const dir = await makeTempDir('dflag-print-');
    const engine = new ConfigMapEngine({
      path: dir,
      flagSet,
      logger: { log: () => undefined, warn: () => undefined, error: () => undefined },
      resyncInterval: 0,
    });
    try {
      await writeConfigMapVolume(dir, VERSIONS.start);
      const reports: ReloadReport[] = [await engine.initialize()];
      engine.onReload((report) => reports.push(report));
      await engine.start();
      await writeConfigMapVolume(dir, VERSIONS.changed);
      reports.push(await engine.reload());
      expect(flags.api_token.get()).toBe(VERSIONS.changed.api_token);
      expectNoSecret('the engine, printed', printed(engine));
      expectNoSecret('its reports, printed', printed(reports));
      expect(printed(engine)).toContain(`path: '${dir}'`);
    } finally {
      await engine.stop();
      await removeTempDir(dir);
    }
  });

  it("the test kit's engine prints no value it was given", async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        DflagTestingModule.forRoot({
          flagSet,
          values: { api_token: VERSIONS.changed.api_token, pin: 4821 },
        }),
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    try {
      expect(flags.pin.get()).toBe(4821);
      expectNoSecret('the test kit, printed', printed(app.get(FlagService)));
    } finally {
      await app.close();
    }
  });
});
