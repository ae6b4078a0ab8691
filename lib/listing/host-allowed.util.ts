import { isIPv4, isIPv6 } from 'node:net';

/** HostVerdict is what the Host check decides: allowed, or refused with the reason's kind. */
export type HostVerdict = 'allowed' | 'missing' | 'refused';

/**
 * hostNameOf takes the name out of a `Host` header: lower-cased, without the
 * port and a trailing dot, brackets kept around an IPv6 address. Undefined
 * when the header is malformed.
 */
export function hostNameOf(header: string): string | undefined {
  const host = header.trim().toLowerCase();
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    if (end < 0) return undefined;
    const rest = host.slice(end + 1);
    if (rest !== '' && !/^:\d+$/.test(rest)) return undefined;
    return host.slice(0, end + 1);
  }
  const match = /^([^:]*)(?::\d+)?$/.exec(host);
  const name = match?.[1]?.replace(/\.$/, '');
  return name ? name : undefined;
}

/**
 * checkHost decides whether the listing answers a request naming `header` as
 * its Host. Allowed: `localhost`, an IPv4 address, a bracketed IPv6 address,
 * the pod's host name, and the extra names; `'*'` among them allows any.
 *
 * Why: a page on another site can make a browser send requests to a loopback
 * or internal listener under its own name (DNS rebinding); the browser then
 * sends that name as the Host. An IP address or `localhost` as the Host
 * means the browser was pointed at this listener itself.
 */
export function checkHost(
  header: string | string[] | undefined,
  hostname: string,
  extra: readonly string[],
): HostVerdict {
  if (extra.includes('*')) return 'allowed';
  if (header === undefined || header === '') return 'missing';
  if (Array.isArray(header)) return 'refused';
  const name = hostNameOf(header);
  if (name === undefined) return 'refused';
  if (name === 'localhost' || isIPv4(name)) return 'allowed';
  if (name.startsWith('[') && isIPv6(name.slice(1, -1))) return 'allowed';
  if (name === hostname.toLowerCase()) return 'allowed';
  return extra.includes(name) ? 'allowed' : 'refused';
}
