import { Registry } from 'prom-client';
import request from 'supertest';
import { DflagMetricsModule } from '../../lib/metrics/index.js';
import { metricsRoute } from '../e2e/support/metrics.module.js';
import { runAuditScenario } from './support/audit-scenario.js';
import { expectNoSecret } from './support/secret-values.js';

describe('redaction audit: Prometheus metrics', () => {
  it('a scrape carries no secret at any step, and a change of secrets alone moves no hash', async () => {
    const registry = new Registry();
    const hashes = new Map<string, string>();
    const { texts } = await runAuditScenario({
      metadata: { imports: [DflagMetricsModule.register({ registry }), metricsRoute(registry)] },
      collect: async ({ app, step }) => {
        const text = (await request(app.getHttpServer()).get('/metrics').expect(200)).text;
        hashes.set(step, text.match(/^dflag_config_hash\{.*type="dynamic".*$/m)?.[0] ?? '');
        return text;
      },
    });
    for (const [step, text] of texts) expectNoSecret(`metrics after ${step}`, text);
    expect(texts.get('changed')).toMatch(/^dflag_flags_pending_restart\{[^}]*\} 1$/m);
    expect(hashes.get('secretOnly')).not.toBe('');
    expect(hashes.get('secretOnly')).toBe(hashes.get('refused'));
    expect(hashes.get('changed')).not.toBe(hashes.get('start')); // rate moved it: the check can fail
  });
});
