import type { LoggerService } from '@nestjs/common';
import request from 'supertest';
import { DflagListingModule } from '../../lib/index.js';
import { eventually } from '../utils/eventually.js';
import { FakeClock } from '../utils/fake-clock.js';
import { runAuditScenario } from './support/audit-scenario.js';
import { expectNoSecret } from './support/secret-values.js';

const PATH = '/debug/flags/set';

/** The secrets the setter is sent (besides the scenario's): unique, so "not contained" proves it. */
const RUNTIME_SECRETS = ['rt_S3cr3t_Qz8', '5917', 'sk_live_RT9', 'RT9', '9x9'];

/** Keeps every line the application logs (the registration's included). */
class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  log(message: unknown): void {
    this.lines.push(String(message));
  }
  warn(message: unknown): void {
    this.lines.push(String(message));
  }
  error(message: unknown): void {
    this.lines.push(String(message));
  }
}

describe('redaction audit: the runtime setter', () => {
  it('with sensitive flags allowed, no secret reaches an answer, the listing, a log line or an event, at any step', async () => {
    const logger = new CapturingLogger();
    const clock = new FakeClock();
    const { texts } = await runAuditScenario({
      logger,
      metadata: {
        imports: [
          DflagListingModule.register({
            setter: {
              allow: ['api_token', 'pin', 'rate'],
              allowSensitive: ['api_token', 'pin'],
              guards: [{ canActivate: () => true }],
              clock,
            },
          }),
        ],
      },
      collect: async ({ app, recorder, step }) => {
        const server = app.getHttpServer();
        const events = recorder.changed.length;
        const send = (method: 'post' | 'delete', body: object, status: number) => {
          const test =
            method === 'post' ? request(server).post(PATH) : request(server).delete(PATH);
          return test
            .set('Content-Type', 'application/json')
            .send(JSON.stringify(body))
            .expect(status);
        };
        const answers = [
          await send('post', { name: 'api_token', value: 'rt_S3cr3t_Qz8', ttl: '1m' }, 200),
          await send('post', { name: 'pin', value: '5917' }, 200),
          // Refused by the validator (which throws quoting it) and by the parser.
          await send('post', { name: 'api_token', value: 'sk_live_RT9' }, 422),
          await send('post', { name: 'pin', value: '9x9' }, 422),
          await request(server).get('/debug/flags').expect(200),
          await request(server).get('/debug/flags?format=html').expect(200),
          await send('delete', { name: 'pin' }, 200),
        ];
        clock.advance(60_000); // the token's value expires
        // Two sets, a clear and an expiry (under the override, the token's set and expiry change
        // nothing that serves): heard before the scenario counts its own events.
        const expected = events + (step === 'override' ? 2 : 4);
        await eventually(() => expect(recorder.changed).toHaveLength(expected));
        const text = [
          `step ${step}`,
          ...answers.map((answer) => answer.text),
          JSON.stringify(recorder.changed),
          ...logger.lines,
        ].join('\n');
        expect(text).toContain('[redacted]');
        return text;
      },
    });
    for (const [step, text] of texts) {
      expectNoSecret(`the setter's surfaces after ${step}`, text);
      for (const secret of RUNTIME_SECRETS)
        expect(text, `${secret} found after ${step}`).not.toMatch(
          new RegExp(`(?<![A-Za-z0-9_])${secret}(?![A-Za-z0-9_])`),
        );
    }
    // The lines that must be there are: the audit would prove nothing without them.
    const last = [...texts.values()].at(-1)!;
    expect(last).toContain('Flag "api_token" set at run time to [redacted] until');
    expect(last).toContain('Flag "api_token": its runtime value expired');
  });
});
