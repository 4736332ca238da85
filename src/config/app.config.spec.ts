import { parseConfig } from './app.config';

describe('parseConfig', () => {
  it('applies the contract defaults', () => {
    const config = parseConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('0.0.0.0');
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.corsOrigins).toEqual([
      'http://localhost:3000',
      'http://127.0.0.1:3000',
      'http://[::1]:3000',
    ]);
    expect(config.shutdown).toEqual({ graceMs: 20_000, delayMs: 0 });
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

  it.each([
    'mongodb://127.0.0.1:27017/llms',
    'mongodb://llms:p%40ss@mongo-0.mongo:27017,mongo-1.mongo:27017,mongo-2.mongo/llms?replicaSet=rs0&authSource=admin',
    'mongodb+srv://llms:secret@cluster0.example.net/llms?retryWrites=true',
    'mongodb://[::1]:27017',
  ])('accepts the MongoDB connection string %s', (uri) => {
    expect(parseConfig({ MONGODB_URI: uri }).mongodbUri).toBe(uri);
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
    ['MONGODB_URI', 'mongodb://'],
    ['MONGODB_URI', 'mongodb://a:1,,b:2/db'],
    ['MONGODB_URI', 'mongodb://host with space/db'],
    ['REDIS_URL', 'not a url'],
    ['COOKIE_SECURE', 'maybe'],
    ['REDIS_CLUSTER_NODES', 'host-without-port'],
    ['REDIS_KEY_PREFIX', 'has{brace}'],
    ['TRUST_PROXY', 'sometimes'],
    ['SHUTDOWN_GRACE_SECONDS', '0'],
    ['SHUTDOWN_GRACE_SECONDS', '601'],
    ['SHUTDOWN_DELAY_SECONDS', '-1'],
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

  it('reads the shutdown budget and refuses a delay that does not fit in it', () => {
    expect(
      parseConfig({ SHUTDOWN_GRACE_SECONDS: '30', SHUTDOWN_DELAY_SECONDS: '5' }).shutdown,
    ).toEqual({ graceMs: 30_000, delayMs: 5_000 });
    expect(() => parseConfig({ SHUTDOWN_GRACE_SECONDS: '5', SHUTDOWN_DELAY_SECONDS: '5' })).toThrow(
      'SHUTDOWN_DELAY_SECONDS',
    );
  });

  it('keeps exactly PUBLIC_URL as the allowed origin in production', () => {
    const secret = 'x'.repeat(40);
    const config = parseConfig({
      NODE_ENV: 'production',
      JWT_ACCESS_SECRET: secret,
      CSRF_SECRET: secret,
      PUBLIC_URL: 'http://localhost:3000',
    });
    expect(config.corsOrigins).toEqual(['http://localhost:3000']);
  });
});
