import type { DeliveryChannel, DirectoryProfile } from './directory.js';

/**
 * How a referral reaches a practitioner at one location: the endpoint of their preferred channel,
 * else their first endpoint, else the location's fax; null when there is no way to send it. The
 * one rule behind "reachable", for the ranker and for every directory index.
 */
export function deliveryOf(
  profile: DirectoryProfile,
  locationFax: string | null,
): { channel: DeliveryChannel; address: string } | null {
  const preferred =
    profile.endpoints.find((e) => e.channel === profile.preferredChannel) ?? profile.endpoints[0];
  if (preferred) return { channel: preferred.channel, address: preferred.address };
  return locationFax ? { channel: 'fax', address: locationFax } : null;
}
