import { Module } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import { DflagModule, loadFlags } from '../../lib/index.js';
import { createVolume } from '../e2e/support/volume.js';
import { flags, flagSet } from './support/audit-flags.js';
import { expectNoSecret, VERSIONS } from './support/secret-values.js';

const errorText = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);

describe('redaction audit: error messages and the usage table', () => {
  it('a refused value thrown by parse(), apply() and applyOrThrow() carries no secret', () => {
    const texts: string[] = [];
    for (const [name, raw] of [
      ['pin', VERSIONS.refused.pin],
      ['api_token', VERSIONS.refused.api_token],
    ] as const) {
      try {
        flagSet.get(name).parse(raw, 'configmap', `/etc/dflag/${name}`);
        expect.unreachable(`${name} ${raw} should be refused`);
      } catch (error) {
        texts.push(errorText(error));
      }
      const result = flagSet.apply([{ name, source: 'configmap', raw }]);
      texts.push(...result.errors.map(errorText));
      try {
        flagSet.applyOrThrow([{ name, source: 'configmap', raw }]);
        expect.unreachable(`${name} ${raw} should be refused`);
      } catch (error) {
        texts.push(errorText(error));
      }
    }
    expect(texts).toHaveLength(6);
    expectNoSecret('thrown errors', texts.join('\n'));
    expect(flags.pin.get()).toBe(1000); // nothing refused was applied
  });

  it('a start-up refusal (DflagModule and loadFlags) names the flags and carries no secret', async () => {
    const volume = await createVolume(VERSIONS.refused);
    try {
      @Module({
        imports: [
          EventEmitterModule.forRoot(),
          DflagModule.forRoot({ path: volume.dir, flagSet, logger: silent }),
        ],
      })
      class AppModule {}
      const texts: string[] = [];
      await Test.createTestingModule({ imports: [AppModule] })
        .compile()
        .then(
          (m) => m.close(),
          (error: unknown) => texts.push(errorText(error)),
        );
      await loadFlags({ path: volume.dir, flagSet, logger: silent }).then(
        () => expect.unreachable('loadFlags should refuse'),
        (error: unknown) => texts.push(errorText(error)),
      );
      expect(texts).toHaveLength(2);
      for (const text of texts) {
        expect(text).toContain('api_token');
        expect(text).toContain('pin');
      }
      expectNoSecret('start-up errors', texts.join('\n'));
    } finally {
      await volume.remove();
    }
  });

  it('the usage table shows no sensitive value, current or default', () => {
    flagSet.apply([{ name: 'pin', source: 'configmap', raw: VERSIONS.start.pin }]);
    try {
      const usage = flagSet.usage();
      expect(usage).toContain('api_token');
      expectNoSecret('usage table', usage);
    } finally {
      flagSet.apply([{ name: 'pin', source: 'configmap' }]);
    }
  });
});

const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };
