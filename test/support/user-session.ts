import { randomBytes } from 'node:crypto';
import type { Capability, FailureEnvelope, UserView } from '@llms/contract';

/** A response body as tests read it: the envelope with `data` loosely typed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface TestEnvelope<T = any> {
  success: boolean;
  data: T;
  error: FailureEnvelope['error'];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface ApiResult<T = any> {
  status: number;
  body: TestEnvelope<T>;
  headers: Headers;
  /** The response's Set-Cookie headers, parsed. */
  cookies: SetCookie[];
}

export interface SetCookie {
  name: string;
  value: string;
  /** Attribute names lowercased; flag attributes (HttpOnly, Secure) are `true`. */
  attributes: Record<string, string | true>;
}

export function parseSetCookie(header: string): SetCookie {
  const [pair, ...parts] = header.split(';');
  const eq = pair.indexOf('=');
  const attributes: Record<string, string | true> = {};
  for (const part of parts) {
    const [key, ...rest] = part.trim().split('=');
    if (key) attributes[key.toLowerCase()] = rest.length ? rest.join('=') : true;
  }
  return { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), attributes };
}

/** A browser-like cookie jar: keeps Set-Cookie values per name and path, sends them by path. */
export class CookieJar {
  private readonly cookies = new Map<string, { name: string; value: string; path: string }>();

  store(setCookies: SetCookie[]): void {
    for (const { name, value, attributes } of setCookies) {
      const path = typeof attributes.path === 'string' ? attributes.path : '/';
      const expires = typeof attributes.expires === 'string' ? Date.parse(attributes.expires) : NaN;
      const gone =
        attributes['max-age'] === '0' || (!Number.isNaN(expires) && expires <= Date.now());
      if (gone) this.cookies.delete(`${name}|${path}`);
      else this.cookies.set(`${name}|${path}`, { name, value, path });
    }
  }

  get(name: string): string | undefined {
    return [...this.cookies.values()].find((cookie) => cookie.name === name)?.value;
  }

  /** Sets (or, with undefined, removes) a cookie by hand, e.g. to replay or tamper with one. */
  set(name: string, value: string | undefined, path = '/'): void {
    for (const [key, cookie] of this.cookies) if (cookie.name === name) this.cookies.delete(key);
    if (value !== undefined) this.cookies.set(`${name}|${path}`, { name, value, path });
  }

  /** The `Cookie` header a browser would send to `path`. */
  header(path = '/'): string {
    const pathname = new URL(path, 'http://x').pathname;
    return [...this.cookies.values()]
      .filter((c) => c.path === '/' || pathname === c.path || pathname.startsWith(`${c.path}/`))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** The X-CSRF-Token to send: the session's by default (on non-GET), a given value, or none (false). */
  csrf?: boolean | string;
}

/** One HTTP call with fetch; the body is sent as JSON when given. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function api<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : undefined) as TestEnvelope<T>,
    headers: response.headers,
    cookies: response.headers.getSetCookie().map(parseSetCookie),
  };
}

let counter = 0;
/** An email no other test (or earlier run) uses. */
export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}-${++counter}@example.test`;
}

export interface RegisterOptions {
  name?: string;
  email?: string;
  password?: string;
  capabilities?: Capability[];
  /** Extra request headers (e.g. `x-forwarded-for` to appear as another client). */
  headers?: Record<string, string>;
}

/**
 * A signed-in user for e2e tests: cookie jar fed by Set-Cookie, the current CSRF token, and
 * helpers that send both. `cookieHeader()` gives the Cookie header for socket.io-client
 * (`extraHeaders: { cookie: session.cookieHeader() }`).
 */
export class UserSession {
  readonly jar = new CookieJar();
  csrfToken: string | null = null;
  user: UserView;

  constructor(
    readonly baseUrl: string,
    readonly email: string,
    readonly password: string,
  ) {}

  /** Registers a new user (unique email unless given) and returns the signed-in session. */
  static async register(baseUrl: string, options: RegisterOptions = {}): Promise<UserSession> {
    const session = new UserSession(
      baseUrl,
      options.email ?? uniqueEmail(),
      options.password ?? 'correct horse battery',
    );
    const body: Record<string, unknown> = {
      name: options.name ?? 'Test User',
      email: session.email,
      password: session.password,
    };
    if (options.capabilities) body.capabilities = options.capabilities;
    const result = await session.post('/api/auth/register', body, { headers: options.headers });
    if (result.status !== 201)
      throw new Error(`register failed: ${result.status} ${JSON.stringify(result.body)}`);
    return session;
  }

  /** Signs in an existing user in a new jar (a second device or tab). */
  static async login(baseUrl: string, email: string, password: string): Promise<UserSession> {
    const session = new UserSession(baseUrl, email, password);
    const result = await session.post('/api/auth/login', { email, password });
    if (result.status !== 200)
      throw new Error(`login failed: ${result.status} ${JSON.stringify(result.body)}`);
    return session;
  }

  /** The Cookie header this session sends to `path`. */
  cookieHeader(path = '/'): string {
    return this.jar.header(path);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async request<T = any>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { ...options.headers };
    const cookie = this.cookieHeader(path);
    if (cookie && headers.cookie === undefined) headers.cookie = cookie;
    const csrf = options.csrf ?? method !== 'GET';
    const token = typeof csrf === 'string' ? csrf : csrf ? this.csrfToken : null;
    if (token) headers['x-csrf-token'] = token;
    const result = await api<T>(this.baseUrl, method, path, { body: options.body, headers });
    this.jar.store(result.cookies);
    const data = result.body?.success
      ? (result.body.data as { csrfToken?: unknown; user?: UserView })
      : undefined;
    if (typeof data?.csrfToken === 'string') this.csrfToken = data.csrfToken;
    if (data?.user && path.startsWith('/api/auth/')) this.user = data.user;
    return result;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, options);
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  post<T = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('POST', path, { ...options, body });
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  put<T = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('PUT', path, { ...options, body });
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  patch<T = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('PATCH', path, { ...options, body });
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  delete<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('DELETE', path, options);
  }

  refresh(options?: RequestOptions) {
    return this.post('/api/auth/refresh', undefined, options);
  }
  logout(options?: RequestOptions) {
    return this.post('/api/auth/logout', undefined, options);
  }
}
