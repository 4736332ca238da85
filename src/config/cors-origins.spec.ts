import { corsOriginsOf, loopbackAliases } from './cors-origins';

describe('corsOriginsOf', () => {
  it('allows every loopback spelling of a loopback PUBLIC_URL outside production', () => {
    for (const publicUrl of [
      'http://localhost:8080',
      'http://127.0.0.1:8080',
      'http://[::1]:8080',
    ]) {
      expect(corsOriginsOf(undefined, publicUrl, false).sort()).toEqual(
        ['http://127.0.0.1:8080', 'http://[::1]:8080', 'http://localhost:8080'].sort(),
      );
    }
  });

  it('lists PUBLIC_URL first and keeps its scheme and (default) port', () => {
    expect(corsOriginsOf(undefined, 'https://127.0.0.1', false)).toEqual([
      'https://127.0.0.1',
      'https://localhost',
      'https://[::1]',
    ]);
  });

  it('adds nothing for a PUBLIC_URL that is not loopback', () => {
    expect(corsOriginsOf(undefined, 'https://llms.example', false)).toEqual([
      'https://llms.example',
    ]);
    expect(corsOriginsOf(undefined, 'http://localhost.example:3000', false)).toEqual([
      'http://localhost.example:3000',
    ]);
  });

  it('keeps exactly PUBLIC_URL in production', () => {
    expect(corsOriginsOf(undefined, 'http://localhost:3000', true)).toEqual([
      'http://localhost:3000',
    ]);
  });

  it('takes CORS_ORIGINS as given when it is set, in any environment', () => {
    expect(corsOriginsOf(' http://localhost:3000/ ,https://b.example', 'http://x', false)).toEqual([
      'http://localhost:3000',
      'https://b.example',
    ]);
  });
});

describe('loopbackAliases', () => {
  it('is empty for a URL that does not parse', () => {
    expect(loopbackAliases('not a url')).toEqual([]);
  });
});
