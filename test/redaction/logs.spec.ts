import { ConsoleLogger } from '@nestjs/common';
import type { LoggerService } from '@nestjs/common';
import { captureStdout } from '../e2e/support/log-capture.js';
import { runAuditScenario } from './support/audit-scenario.js';
import { expectNoSecret } from './support/secret-values.js';

/** A text logger that keeps every argument it is given (messages and structured fields). */
class KeepEverything implements LoggerService {
  readonly calls: string[] = [];
  private keep =
    (level: string) =>
    (message: unknown, ...params: unknown[]) => {
      this.calls.push(`${level} ${JSON.stringify([message, ...params])}`);
    };
  log = this.keep('log');
  error = this.keep('error');
  warn = this.keep('warn');
  debug = this.keep('debug');
  verbose = this.keep('verbose');
  fatal = this.keep('fatal');
}

describe('redaction audit: the log lines (start, changes, refusals, pending restarts)', () => {
  it('a text logger gets no secret in any message or argument', async () => {
    const logger = new KeepEverything();
    const { texts } = await runAuditScenario({
      logger,
      collect: () => logger.calls.join('\n'),
    });
    for (const [step, text] of texts) expectNoSecret(`log calls after ${step}`, text);
    const all = logger.calls.join('\n');
    // The lines under audit were written: changes of secrets, the refusals and the pending restart.
    expect(all).toContain('api_token: [redacted] → [redacted]');
    expect(all).toMatch(/db_password.*restart/);
    expect(all).toMatch(/api_token.*refused/);
  });

  it("Nest's JSON ConsoleLogger writes no secret in any field", async () => {
    const stdout = captureStdout();
    try {
      const { texts } = await runAuditScenario({
        logger: new ConsoleLogger({ json: true }),
        collect: () => stdout.text(),
      });
      for (const [step, text] of texts) expectNoSecret(`JSON log after ${step}`, text);
      expect(stdout.text()).toContain('"context":"DflagModule"');
      expect(stdout.text()).toContain('api_token');
    } finally {
      stdout.restore();
    }
  });
});
