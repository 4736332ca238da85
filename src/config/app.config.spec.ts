import { parseConfig } from './app.config';

describe('parseConfig', () => {
  it('applies the contract defaults', () => {
    const config = parseConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('0.0.0.0');
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.corsOrigins).toEqual(['http://localhost:3000']);
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.redis.clusterNodes).toBeNull();
    expect(config.auth.accessTokenTtlSeconds).toBe(900);
    expect(config.auth.refreshTokenTtlSeconds).toBe(2592000);
    expect(config.auth.cookieSecure).toBe(false);
    expect(config.presence.ttlSeconds).toBe(30);
    expect(config.realtime.commentRateLimitPerMinute).toBe(30);
    expect(config.auth.rateLimitPerMinute).toBe(20);
    expect(config.trustProxy).toBe(false);
    expect(config.redis.keyPrefix).toBe('');
    expect(config.metricsPort).toBeNull();
  });

  it('parses METRICS_PORT', () => {
    expect(parseConfig({ METRICS_PORT: '9464' }).metricsPort).toBe(9464);
  });

  it('derives PUBLIC_URL from PORT and CORS_ORIGINS from PUBLIC_URL', () => {
    const config = parseConfig({
      PORT: '8080',
      CORS_ORIGINS: 'https://a.example, https://b.example/',
    });
    expect(config.publicUrl).toBe('http://localhost:8080');
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it('parses REDIS_CLUSTER_NODES', () => {
    const config = parseConfig({ REDIS_CLUSTER_NODES: '127.0.0.1:7000,127.0.0.1:7001' });
    expect(config.redis.clusterNodes).toEqual([
      { host: '127.0.0.1', port: 7000 },
      { host: '127.0.0.1', port: 7001 },
    ]);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PRESENCE_TTL_SECONDS', '0'],
    ['MONGODB_URI', 'http://nope'],
    ['REDIS_URL', 'not a url'],
    ['COOKIE_SECURE', 'maybe'],
    ['REDIS_CLUSTER_NODES', 'host-without-port'],
    ['REDIS_KEY_PREFIX', 'has{brace}'],
    ['TRUST_PROXY', 'sometimes'],
    ['METRICS_PORT', 'metrics'],
    ['METRICS_PORT', '70000'],
  ])('names %s when its value %p is invalid', (name, value) => {
    expect(() => parseConfig({ [name]: value })).toThrow(name);
  });

  it('refuses production without secrets, naming both', () => {
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(
      /JWT_ACCESS_SECRET[\s\S]*CSRF_SECRET/,
    );
  });

  it('accepts production with secrets and turns Secure cookies on', () => {
    const secret = 'x'.repeat(40);
    const config = parseConfig({
      NODE_ENV: 'production',
      JWT_ACCESS_SECRET: secret,
      CSRF_SECRET: secret,
    });
    expect(config.auth.cookieSecure).toBe(true);
    expect(config.auth.jwtAccessSecret).toBe(secret);
  });

  it('generates distinct development secrets per process', () => {
    expect(parseConfig({}).auth.jwtAccessSecret).not.toBe(parseConfig({}).auth.jwtAccessSecret);
  });
});
