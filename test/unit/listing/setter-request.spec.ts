import { crossSiteRefusal } from '../../../lib/listing/cross-site.util.js';
import { describePrincipal } from '../../../lib/listing/describe-principal.util.js';
import { DFLAG_PRINCIPAL } from '../../../lib/index.js';

describe('crossSiteRefusal', () => {
  it('passes tools (no header), its own pages and direct navigation', () => {
    expect(crossSiteRefusal({ host: 'localhost:9090' })).toBeUndefined();
    expect(
      crossSiteRefusal({ host: 'localhost:9090', 'sec-fetch-site': 'same-origin' }),
    ).toBeUndefined();
    expect(crossSiteRefusal({ host: 'localhost:9090', 'sec-fetch-site': 'none' })).toBeUndefined();
    expect(
      crossSiteRefusal({ host: 'localhost:9090', origin: 'http://localhost:9090' }),
    ).toBeUndefined();
    // A default port in Host and none in Origin (as browsers send it) is the same origin.
    expect(crossSiteRefusal({ host: 'pod-1:80', origin: 'http://pod-1' })).toBeUndefined();
    expect(crossSiteRefusal({ host: 'POD-1', origin: 'http://pod-1' })).toBeUndefined();
  });

  it('refuses another site, another port, an opaque origin, and a same-site page', () => {
    expect(crossSiteRefusal({ host: 'localhost:9090', 'sec-fetch-site': 'same-site' })).toMatch(
      /Sec-Fetch-Site: "same-site"/,
    );
    expect(crossSiteRefusal({ host: 'localhost:9090', origin: 'http://localhost:3000' })).toMatch(
      /Origin "http:\/\/localhost:3000" is not the Host "localhost:9090"/,
    );
    expect(crossSiteRefusal({ host: 'localhost:9090', origin: 'null' })).toBeDefined();
    expect(crossSiteRefusal({ host: 'localhost', origin: 'https://localhost:80' })).toBeDefined();
    expect(crossSiteRefusal({ origin: 'http://localhost' })).toBeDefined();
  });
});

describe('describePrincipal', () => {
  it("takes the guard's principal first, then passport's user by a naming field, never the object", () => {
    expect(describePrincipal({ [DFLAG_PRINCIPAL]: 'ops', user: { username: 'u' } })).toBe('ops');
    expect(describePrincipal({ user: { token: 'secret', username: 'alice' } })).toBe('alice');
    expect(describePrincipal({ user: { sub: 'auth0|42', name: '' } })).toBe('auth0|42');
    expect(describePrincipal({ user: { id: 7 } })).toBe('7');
    expect(describePrincipal({ user: 'bob' })).toBe('bob');
    expect(describePrincipal({ user: { token: 'secret' } })).toBeUndefined();
    expect(describePrincipal({})).toBeUndefined();
    expect(describePrincipal({ user: { username: 'x'.repeat(500) } })).toHaveLength(201);
  });
});
