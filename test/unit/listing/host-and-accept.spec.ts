import { checkHost, hostNameOf } from '../../../lib/listing/host-allowed.util.js';
import { negotiateFormat } from '../../../lib/listing/negotiate-format.util.js';
import { parseListingQuery } from '../../../lib/listing/parse-listing-query.util.js';

describe('checkHost', () => {
  it.each([
    ['localhost', 'allowed'],
    ['localhost:8080', 'allowed'],
    ['localhost.', 'allowed'],
    ['10.0.0.7:9090', 'allowed'],
    ['[::1]', 'allowed'],
    ['[fe80::1]:80', 'allowed'],
    ['pod-7f9c', 'allowed'],
    ['POD-7F9C:80', 'allowed'],
    ['svc.internal', 'allowed'],
    ['evil.example', 'refused'],
    ['localhost.evil.example', 'refused'],
    ['::1', 'refused'],
    ['[not-ip]', 'refused'],
    ['[::1]x', 'refused'],
    ['a:b:c', 'refused'],
    ['', 'missing'],
    [undefined, 'missing'],
  ])('%s → %s', (header, verdict) => {
    expect(checkHost(header, 'pod-7f9c', ['svc.internal'])).toBe(verdict);
  });

  it('allows anything with "*", and refuses two Host headers', () => {
    expect(checkHost('evil.example', 'pod', ['*'])).toBe('allowed');
    expect(checkHost(['localhost', 'evil'], 'pod', [])).toBe('refused');
    expect(hostNameOf('[::1]:80')).toBe('[::1]');
  });
});

describe('negotiateFormat', () => {
  it.each([
    [undefined, 'json'],
    ['*/*', 'json'],
    ['text/*', 'json'],
    ['application/json', 'json'],
    ['text/html', 'html'],
    ['text/html;q=0', 'json'],
    ['application/json;q=0.9, text/html', 'html'],
    ['application/json, text/html;q=0.9', 'json'],
    ['TEXT/HTML; charset=utf-8', 'html'],
    ['text/html;q=abc', 'json'],
  ])('%s → %s', (accept, format) => {
    expect(negotiateFormat(accept)).toBe(format);
  });
});

describe('parseListingQuery', () => {
  it('reads the parameters, ignores unknown ones and empty values', () => {
    expect(
      parseListingQuery({ format: 'html', type: 'static', only_changed: 'true', t: '1' }),
    ).toEqual({
      format: 'html',
      type: 'static',
      onlyChanged: true,
    });
    expect(parseListingQuery({ type: '' })).toEqual({
      format: undefined,
      type: undefined,
      onlyChanged: false,
    });
    expect(parseListingQuery(undefined).onlyChanged).toBe(false);
  });

  it('refuses a bad or repeated value with 400, naming the parameter and the accepted values', () => {
    expect(() => parseListingQuery({ only_changed: '1' })).toThrow(
      'Invalid query parameter "only_changed": "1"; accepted: "true", "false"',
    );
    expect(() => parseListingQuery({ format: ['json', 'html'] })).toThrow('given more than once');
  });
});
