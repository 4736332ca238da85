import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where the AsyncAPI document lives, relative to the project root (and in the image). */
export const ASYNCAPI_FILE = join('docs', 'asyncapi.yaml');

/** docs/asyncapi.yaml in the nearest ancestor of `from` that has it, or null. */
export function findAsyncApiFile(from: string = __dirname): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, ASYNCAPI_FILE);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

/**
 * The document with its `servers` pointing at this deployment: every `host:` in the top-level
 * `servers:` block becomes PUBLIC_URL's host (with its port), and `protocol: ws|wss` follows
 * PUBLIC_URL's scheme. A text edit, not a YAML round trip, so the comments and layout of the
 * file survive and no YAML library is needed at run time.
 */
export function withServerHost(yaml: string, publicUrl: string): string {
  const url = new URL(publicUrl);
  const protocol = url.protocol === 'https:' ? 'wss' : 'ws';
  const lines = yaml.split('\n');
  let inServers = false;
  return lines
    .map((line) => {
      if (/^\S/.test(line)) inServers = /^servers:\s*$/.test(line);
      if (!inServers) return line;
      return line
        .replace(/^(\s+host:\s*).*$/, `$1${url.host}`)
        .replace(/^(\s+protocol:\s*)wss?\s*$/, `$1${protocol}`);
    })
    .join('\n');
}

/** Reads docs/asyncapi.yaml once and serves it for one PUBLIC_URL; null when it is not shipped. */
export function loadAsyncApiDocument(publicUrl: string, from?: string): string | null {
  const file = findAsyncApiFile(from);
  return file ? withServerHost(readFileSync(file, 'utf8'), publicUrl) : null;
}
