import { runAuditScenario } from './support/audit-scenario.js';
import { expectNoSecret } from './support/secret-values.js';

describe('redaction audit: flag.changed and flag.reloaded payloads', () => {
  it('carry no secret at any step, and a change of secrets alone moves no checksum', async () => {
    const { texts, checksumsAround, recorder } = await runAuditScenario({
      collect: ({ recorder }) => JSON.stringify([recorder.changed, recorder.reloaded]),
    });
    for (const [step, text] of texts) expectNoSecret(`events after ${step}`, text);

    // The secrets did change on the bus, as [redacted] — so the audit saw real payloads.
    const secretChanges = recorder.changed.filter((c) => c.name !== 'rate');
    expect(secretChanges.map((c) => [c.name, c.previous, c.current, c.source])).toEqual([
      ['api_token', '[redacted]', '[redacted]', 'configmap'],
      ['pin', '[redacted]', '[redacted]', 'configmap'],
      ['api_token', '[redacted]', '[redacted]', 'configmap'],
      ['pin', '[redacted]', '[redacted]', 'configmap'],
      ['api_token', '[redacted]', '[redacted]', 'override'],
      ['api_token', '[redacted]', '[redacted]', 'configmap'],
    ]);
    expect(checksumsAround[1]).toEqual(checksumsAround[0]);
  });
});
