/**
 * Which addresses a link may lead to. Fetching a link someone typed in a chat must not reach the
 * machine itself, the private network it sits in, or a cloud metadata service (SSRF): only
 * public unicast addresses pass.
 */
import { lookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import ipaddr from 'ipaddr.js';
import { IngestError } from './errors.js';

/**
 * Whether `ip` is a public unicast address. Loopback, private (RFC 1918, unique local),
 * link-local (including 169.254.169.254, the metadata service), carrier-grade NAT, multicast,
 * reserved and unspecified ranges are not; IPv4-mapped IPv6 is judged as its IPv4 address.
 */
export function isPublicAddress(ip: string): boolean {
  if (!ipaddr.isValid(ip)) return false;
  let addr = ipaddr.parse(ip);
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
  return addr.range() === 'unicast';
}

/** Options of the address check. */
export interface AddressPolicy {
  /** Let links reach loopback and private addresses (tests, a trusted intranet). Default false. */
  allowPrivate: boolean;
  /**
   * Host names allowed to resolve to private addresses even so (an intranet wiki). Only the name
   * is trusted: a redirect from it to another private host or a bare IP is still refused.
   */
  privateHosts?: readonly string[];
}

/**
 * Resolves `hostname` and checks every address it resolves to (one bad address is enough to
 * refuse: a resolver could hand out either).
 * @throws IngestError `dns` when it does not resolve, `private_address` when an address is not public.
 */
export async function resolveChecked(hostname: string, policy: AddressPolicy): Promise<LookupAddress[]> {
  const bare = hostname.replace(/^\[|\]$/g, '');
  let addresses: LookupAddress[];
  if (ipaddr.isValid(bare)) addresses = [{ address: bare, family: bare.includes(':') ? 6 : 4 }];
  else {
    try {
      addresses = await lookup(bare, { all: true, verbatim: true });
    } catch {
      throw new IngestError('dns', `I couldn't find the site ${hostname} (the name does not resolve). Check the link.`);
    }
  }
  checkAddresses(hostname, addresses, policy);
  return addresses;
}

/** @throws IngestError `private_address` when one of `addresses` is not public and the policy forbids it. */
export function checkAddresses(hostname: string, addresses: readonly LookupAddress[], policy: AddressPolicy): void {
  if (policy.allowPrivate || policy.privateHosts?.includes(hostname.toLowerCase())) return;
  if (addresses.length === 0 || addresses.some((a) => !isPublicAddress(a.address))) {
    throw new IngestError(
      'private_address',
      `I can't fetch ${hostname}: it points to a private, local or reserved network address. Only public web addresses can be added, unless whoever runs Pilcrow allows this host (PRIVATE_URL_HOSTS=${hostname.toLowerCase()}) or every local address (ALLOW_PRIVATE_URLS=1).`,
    );
  }
}
