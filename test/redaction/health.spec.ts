import request from 'supertest';
import { HealthModule } from '../e2e/support/health.module.js';
import { runAuditScenario } from './support/audit-scenario.js';
import { expectNoSecret } from './support/secret-values.js';

describe('redaction audit: health details', () => {
  it('/health, /health?strict=true, /livez and /readyz carry no secret at any step', async () => {
    const { texts } = await runAuditScenario({
      metadata: { imports: [HealthModule] },
      collect: async ({ app }) => {
        const server = app.getHttpServer();
        const bodies = [];
        for (const path of ['/health', '/health?strict=true', '/livez', '/readyz'])
          bodies.push((await request(server).get(path)).text);
        return bodies.join('\n');
      },
    });
    for (const [step, text] of texts) expectNoSecret(`health after ${step}`, text);
    // The refused version's errors are in the details (named, redacted), so the audit read them.
    expect(texts.get('refused')).toContain('refused \\"[redacted]\\"');
  });
});
