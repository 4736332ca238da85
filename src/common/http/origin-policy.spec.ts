import { Logger } from '@nestjs/common';
import { isOriginAllowed, resetRefusedOrigins } from './origin-policy';

describe('isOriginAllowed', () => {
  const allowed = ['http://localhost:3000', 'http://127.0.0.1:3000'];
  let warn: jest.SpyInstance;

  beforeEach(() => {
    resetRefusedOrigins();
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it('allows the listed origins, with or without a trailing slash', () => {
    expect(isOriginAllowed(allowed, 'http://127.0.0.1:3000')).toBe(true);
    expect(isOriginAllowed(allowed, 'http://localhost:3000/')).toBe(true);
    expect(warn).not.toHaveBeenCalled();
  });

  it('refuses a missing Origin without logging it', () => {
    expect(isOriginAllowed(allowed, undefined)).toBe(false);
    expect(isOriginAllowed(allowed, '')).toBe(false);
    expect(warn).not.toHaveBeenCalled();
  });

  it('logs a refused origin once, naming CORS_ORIGINS', () => {
    expect(isOriginAllowed(allowed, 'http://evil.example')).toBe(false);
    expect(isOriginAllowed(allowed, 'http://evil.example')).toBe(false);
    expect(isOriginAllowed(allowed, 'http://other.example')).toBe(false);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[0][0]).toContain('"http://evil.example"');
    expect(warn.mock.calls[0][0]).toContain('CORS_ORIGINS');
    expect(warn.mock.calls[1][0]).toContain('"http://other.example"');
  });

  it('stops logging after many distinct origins, saying so once', () => {
    for (let i = 0; i < 500; i++) isOriginAllowed(allowed, `http://x${i}.example`);
    expect(warn).toHaveBeenCalledTimes(101);
    expect(warn.mock.calls[100][0]).toContain('further ones are not logged');
  });
});
