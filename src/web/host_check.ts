/**
 * Which requests `phlb serve` refuses before routing, by the host they name. A page on another site
 * can rebind its own DNS name to 127.0.0.1 and then read a loopback server, but its requests carry
 * its own name: only the server's own names are accepted (DNS rebinding). A request with no Host
 * header (HTTP/1.0, or HTTP/2 without TLS, which browsers never send) names no host and is refused
 * too, and so is a request target in absolute form (`GET http://evil.example/`) that names another
 * host than its Host header: Deno builds the request URL from that target, so the two can disagree.
 * @module
 */

import { type Msg, msg } from "../i18n/messages.ts";

/** Why a request is refused, as an HTTP status and a one-line text (English `message`, `text` to show). */
export interface HostRefusal {
  status: 400 | 403;
  message: string;
  text: Msg;
}

function refusal(status: 400 | 403, text: Msg): HostRefusal {
  return { status, message: `${text}\n`, text };
}

/** The authority of an absolute URL ("host:port"), or "" when there is none. */
function authorityOf(url: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(url)?.[1] ?? "";
}

/**
 * Checks a request's host. With `allowedHosts` (lowercase "host:port" values: a loopback server),
 * the Host header must be one of them; without (a server bound to another address, reachable
 * under names it cannot know, or a request made in a test), any Host is accepted, and none. In
 * both cases a Host header must agree with the request URL's authority.
 */
export function checkHost(request: Request, allowedHosts?: ReadonlySet<string>): HostRefusal | undefined {
  const header = request.headers.get("host")?.trim().toLowerCase() ?? "";
  if (header === "") {
    return allowedHosts ? refusal(400, msg("web.host.missing")) : undefined;
  }
  if (allowedHosts && !allowedHosts.has(header)) return refusal(403, msg("web.host.unexpected"));
  if (authorityOf(request.url).toLowerCase() !== header) {
    return refusal(400, msg("web.host.mismatch"));
  }
  return undefined;
}
