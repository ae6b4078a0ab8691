import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpGet } from '../../../lib/cli/http-get.util.js';

describe('httpGet: one GET with the headers as given', () => {
  let server: Server;
  let origin: string;
  let seen: IncomingHttpHeaders[];
  let raw: string[][];
  beforeEach(async () => {
    seen = [];
    raw = [];
    server = createServer((req, res) => {
      seen.push(req.headers);
      raw.push(req.rawHeaders);
      if (req.url === '/moved') {
        res.writeHead(302, { location: 'http://elsewhere.example/' }).end();
        return;
      }
      if (req.url === '/slow') return; // never answers
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const bodyOf = async (body: AsyncIterable<Buffer>): Promise<string> => {
    let text = '';
    for await (const chunk of body) text += chunk.toString('utf8');
    return text;
  };

  it('sends Host as given, and joins repeated names as fetch does', async () => {
    const answer = await httpGet(
      new URL(`${origin}/flags`),
      [
        ['Host', 'flags.internal'],
        ['X-Team', 'a'],
        ['x-team', 'b'],
        ['constructor', 'c'],
        ['__proto__', 'd'],
      ],
      AbortSignal.timeout(5000),
    );
    expect(answer.status).toBe(200);
    expect(answer.header('Content-Type')).toBe('application/json');
    expect(await bodyOf(answer.body)).toBe('{"ok":true}');
    expect(seen[0]).toMatchObject({ host: 'flags.internal', 'x-team': 'a, b', constructor: 'c' });
    // As sent (a parsed `__proto__` header is not an own property on the server's side either).
    expect(raw[0]?.join('\n')).toContain('__proto__\nd');
  });

  it('answers a redirect as it is, without following it', async () => {
    const answer = await httpGet(new URL(`${origin}/moved`), [], AbortSignal.timeout(5000));
    expect(answer.status).toBe(302);
    expect(answer.header('location')).toBe('http://elsewhere.example/');
    answer.discard();
    expect(seen).toHaveLength(1);
  });

  it('rejects when the signal aborts before an answer', async () => {
    await expect(httpGet(new URL(`${origin}/slow`), [], AbortSignal.timeout(50))).rejects.toThrow();
  });
});
