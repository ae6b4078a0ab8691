import request from 'supertest';
import { DflagListingModule } from '../../lib/index.js';
import { runAuditScenario } from './support/audit-scenario.js';
import { expectNoSecret } from './support/secret-values.js';

describe('redaction audit: the listing endpoint', () => {
  it('its JSON and its HTML page, with every filter, carry no secret at any step', async () => {
    const { texts } = await runAuditScenario({
      metadata: { imports: [DflagListingModule.register()] },
      collect: async ({ app }) => {
        const server = app.getHttpServer();
        const bodies: string[] = [];
        for (const query of ['', '?type=dynamic', '?type=static', '?only_changed=true'])
          for (const format of ['json', 'html'])
            bodies.push(
              (
                await request(server).get(
                  `/debug/flags${query}${query ? '&' : '?'}format=${format}`,
                )
              ).text,
            );
        return bodies.join('\n');
      },
    });
    for (const [step, text] of texts) expectNoSecret(`listing after ${step}`, text);
    expect(texts.get('changed')).toContain('"name": "db_password"');
    expect(texts.get('refused')).toContain('[redacted]');
  });
});
