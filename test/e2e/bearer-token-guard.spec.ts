import { Controller, Get, Module, Req, UseGuards } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { BearerTokenGuard, DFLAG_PRINCIPAL } from '../../lib/runtime/bearer-token.guard.js';
import { makeTempDir, removeTempDir } from '../utils/temp-dir.js';

describe('BearerTokenGuard', () => {
  let dir: string;
  let app: INestApplication | undefined;

  beforeEach(async () => {
    dir = await makeTempDir('dflag-bearer-');
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    delete process.env.DFLAG_TEST_TOKEN;
    await removeTempDir(dir);
  });

  async function serve(guard: BearerTokenGuard) {
    @Controller()
    class Who {
      @Get('who')
      @UseGuards(guard)
      who(@Req() req: Record<string, unknown>) {
        return { principal: req[DFLAG_PRINCIPAL] };
      }
    }
    @Module({ controllers: [Who] })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    return app.getHttpServer();
  }

  it('admits the token from a file (re-read on every request: a rotated Secret applies at once)', async () => {
    const file = join(dir, 'token');
    await writeFile(file, 'first-token\n');
    const server = await serve(new BearerTokenGuard({ file, principal: 'ops' }));
    await request(server)
      .get('/who')
      .set('Authorization', 'Bearer first-token')
      .expect(200, { principal: 'ops' });
    await writeFile(file, 'second-token');
    await request(server).get('/who').set('Authorization', 'Bearer first-token').expect(401);
    await request(server).get('/who').set('Authorization', 'bearer second-token').expect(200);
    await rm(file);
    await request(server).get('/who').set('Authorization', 'Bearer second-token').expect(401);
  });

  it('refuses a missing, malformed or wrong header, and admits nobody when the token is empty', async () => {
    process.env.DFLAG_TEST_TOKEN = 'env-token';
    const server = await serve(new BearerTokenGuard({ env: 'DFLAG_TEST_TOKEN' }));
    const refused = await request(server).get('/who').expect(401);
    expect(refused.body.message).toBe('a valid "Authorization: Bearer <token>" header is required');
    await request(server).get('/who').set('Authorization', 'Basic env-token').expect(401);
    await request(server).get('/who').set('Authorization', 'Bearer env-tokenX').expect(401);
    await request(server).get('/who').set('Authorization', 'Bearer env-token').expect(200, {
      principal: 'bearer-token',
    });
    process.env.DFLAG_TEST_TOKEN = '  ';
    await request(server).get('/who').set('Authorization', 'Bearer  ').expect(401);
  });

  it('needs exactly one source', () => {
    expect(() => new BearerTokenGuard({} as never)).toThrow('exactly one source of its token');
    expect(() => new BearerTokenGuard({ file: 'a', env: 'B' } as never)).toThrow(
      'exactly one source',
    );
  });
});
