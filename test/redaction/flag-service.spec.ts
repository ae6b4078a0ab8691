import { runAuditScenario } from './support/audit-scenario.js';
import { expectNoSecret } from './support/secret-values.js';

describe('redaction audit: FlagService.list() and status()', () => {
  it('carry no secret at any step', async () => {
    const { texts } = await runAuditScenario({
      collect: ({ service }) => JSON.stringify([service.list(), service.status()]),
    });
    for (const [step, text] of texts) expectNoSecret(`list and status after ${step}`, text);
    expect(texts.get('changed')).toContain('"pendingRestart":["db_password"]');
  });
});
