import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';

/** HttpAnswer is the head of an answer, and its body as it comes. */
export interface HttpAnswer {
  readonly status: number;
  readonly statusText: string;
  /** HttpAnswer.header is a response header's value (several joined by `, `), or undefined. */
  header(name: string): string | undefined;
  /** HttpAnswer.body is the body, in chunks. */
  readonly body: AsyncIterable<Buffer>;
  /** HttpAnswer.discard drops the rest of the body and the connection. */
  discard(): void;
}

/**
 * headersOf joins headers of the same name (case aside: names are sent in lower case, as
 * `fetch`'s `Headers` sends them) with `, `, as `Headers` does.
 */
function headersOf(headers: readonly (readonly [string, string])[]): OutgoingHttpHeaders {
  // No prototype: `-H 'constructor: …'` or `-H '__proto__: …'` are header names like any other.
  const out = Object.create(null) as Record<string, string>;
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    out[lower] = lower in out ? `${out[lower]}, ${value}` : value;
  }
  return out;
}

/** hostName is a `Host` header's host, without its port or an IPv6 address's brackets. */
const hostName = (host: string): string => {
  const bracketed = /^\[([^\]]*)\]/.exec(host);
  if (bracketed) return bracketed[1] as string;
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
};

/**
 * httpGet sends one GET (node's `http`/`https`, which `fetch` is not: `fetch` drops a `Host`
 * header without a word) with the headers as given, and resolves with the answer's head. A
 * `Host` header is sent as the request's host, and over TLS it is also the server name asked
 * for and checked in the certificate (SNI), as `curl -H 'Host: …'` does on the connection it
 * opens: how an Ingress's virtual host, or a listing's allowed host names, are reached through
 * an address. Redirects are answers like any other (never followed). `signal` aborts the
 * exchange, the body included.
 */
export function httpGet(
  url: URL,
  headers: readonly (readonly [string, string])[],
  signal: AbortSignal,
): Promise<HttpAnswer> {
  const outgoing = headersOf(headers);
  const host = outgoing['host'];
  const tls = url.protocol === 'https:';
  const servername =
    tls && typeof host === 'string' && isIP(hostName(host)) === 0 ? hostName(host) : undefined;
  const send = tls ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: 'GET', headers: outgoing, signal, servername });
    req.on('error', reject);
    req.once('response', (res: IncomingMessage) => {
      resolve({
        status: res.statusCode ?? 0,
        statusText: res.statusMessage ?? '',
        header: (name) => {
          const value = res.headers[name.toLowerCase()];
          return Array.isArray(value) ? value.join(', ') : value;
        },
        body: res,
        discard: () => {
          res.destroy();
          req.destroy();
        },
      });
    });
    req.end();
  });
}
