// Where webhooks may go (docs/operations/security.md): never to loopback, link-local, private or
// otherwise special addresses, unless TALLY_WEBHOOK_ALLOW_PRIVATE=true, since the server would
// otherwise post on a tenant's behalf into its own network (SSRF). Checked when an endpoint is
// saved and again at every delivery, on the address the connection is then made to: a name that
// resolved to a public address when saved may resolve to a private one later (DNS rebinding).
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { lookup } from "node:dns/promises";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { Agent } from "undici";

/** Special-purpose ranges (IANA registries); IPv4-mapped IPv6 addresses are checked as IPv4. */
const SPECIAL = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata (169.254.169.254)
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const)
  SPECIAL.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96], // NAT64: an IPv4 address behind a gateway
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
] as const)
  SPECIAL.addSubnet(network, prefix, "ipv6");

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  return family !== 0 && SPECIAL.check(address, family === 6 ? "ipv6" : "ipv4");
}

/** The URL's host as an address, if it is one (brackets of an IPv6 literal removed). */
function literalAddress(url: URL): string | null {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  return isIP(host) ? host : null;
}

class PrivateDestinationError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`${host} is a private, loopback or link-local address (${address})`);
    this.name = "PrivateDestinationError";
  }
}

const SAVE_LOOKUP_TIMEOUT_MS = 3_000;

/**
 * The private address the URL's host is or resolves to, or null. A name that does not resolve
 * (in time) passes: it is checked again at every delivery.
 */
export async function privateAddressOf(url: URL): Promise<string | null> {
  const literal = literalAddress(url);
  if (literal) return isPrivateAddress(literal) ? literal : null;
  const timeout = new Promise<LookupAddress[]>((resolve) =>
    setTimeout(() => resolve([]), SAVE_LOOKUP_TIMEOUT_MS).unref(),
  );
  const addresses = await Promise.race([lookup(url.hostname, { all: true }).catch(() => []), timeout]);
  return addresses.find((a) => isPrivateAddress(a.address))?.address ?? null;
}

/** dns.lookup that fails for private addresses: the connection is made to the address checked. */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, "", 0);
    const refused = addresses.find((a) => isPrivateAddress(a.address));
    if (refused) return callback(new PrivateDestinationError(hostname, refused.address), "", 0);
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    const first = addresses[0]!;
    callback(null, first.address, first.family);
  });
};

let publicOnlyAgent: Agent | null = null;

/**
 * The HTTP dispatcher for a delivery to `url`, or a refusal: with private addresses allowed the
 * default one, else an agent whose connections refuse to reach them.
 */
export function deliveryDispatcher(url: URL, allowPrivate: boolean): Agent | undefined {
  if (allowPrivate) return undefined;
  const literal = literalAddress(url);
  // A literal address is connected to without a lookup, so it is checked here.
  if (literal && isPrivateAddress(literal)) throw new PrivateDestinationError(url.hostname, literal);
  publicOnlyAgent ??= new Agent({ connect: { lookup: publicOnlyLookup } });
  return publicOnlyAgent;
}
