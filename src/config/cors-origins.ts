/**
 * The origins allowed for REST CORS and the Socket.IO handshake (CORS_ORIGINS, default
 * PUBLIC_URL). Outside production a loopback PUBLIC_URL also allows the other loopback spellings
 * of the same scheme and port, so a newcomer who opens http://127.0.0.1:3000 while PUBLIC_URL says
 * http://localhost:3000 (or the reverse) is not refused. Production keeps exactly what is set.
 */

/** Host names that all mean "this machine" in a browser's address bar. */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** `https://a.example/` -> `https://a.example`: origins never end in a slash. */
export function normalizeOrigin(origin: string): string {
  return origin.trim().replace(/\/+$/, '');
}

/** The same URL's origin on every loopback host name, when its own host is a loopback one. */
export function loopbackAliases(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [];
  }
  if (!LOOPBACK_HOSTS.includes(parsed.hostname)) return [];
  const port = parsed.port ? `:${parsed.port}` : '';
  return LOOPBACK_HOSTS.map((host) => `${parsed.protocol}//${host}${port}`);
}

/** Parses CORS_ORIGINS, or derives the default from PUBLIC_URL as described above. */
export function corsOriginsOf(
  corsOriginsVar: string | undefined,
  publicUrl: string,
  production: boolean,
): string[] {
  if (corsOriginsVar !== undefined) {
    return corsOriginsVar.split(',').map(normalizeOrigin).filter(Boolean);
  }
  const origins = [normalizeOrigin(publicUrl)];
  if (!production) origins.push(...loopbackAliases(publicUrl));
  return [...new Set(origins)];
}
