import { signCsrfToken, verifyCsrfToken } from './csrf-token';

describe('CSRF tokens', () => {
  const secret = 'a-test-secret-that-is-long-enough-000';

  it('verifies a token for the session it was signed for', () => {
    const token = signCsrfToken(secret, 'session-1');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/);
    expect(verifyCsrfToken(secret, 'session-1', token)).toBe(true);
  });

  it('mints a different token each time, all valid', () => {
    const [a, b] = [signCsrfToken(secret, 's'), signCsrfToken(secret, 's')];
    expect(a).not.toBe(b);
    expect(verifyCsrfToken(secret, 's', a) && verifyCsrfToken(secret, 's', b)).toBe(true);
  });

  it('refuses a token of another session', () => {
    expect(verifyCsrfToken(secret, 'session-2', signCsrfToken(secret, 'session-1'))).toBe(false);
  });

  it('refuses a token signed with another secret', () => {
    expect(verifyCsrfToken(secret, 's', signCsrfToken(`${secret}x`, 's'))).toBe(false);
  });

  it('refuses a tampered nonce or signature', () => {
    const [nonce, mac] = signCsrfToken(secret, 's').split('.');
    const flip = (text: string) => (text[0] === 'A' ? 'B' : 'A') + text.slice(1);
    expect(verifyCsrfToken(secret, 's', `${flip(nonce)}.${mac}`)).toBe(false);
    expect(verifyCsrfToken(secret, 's', `${nonce}.${flip(mac)}`)).toBe(false);
  });

  it('does not confuse where the session id ends and the nonce begins', () => {
    const token = signCsrfToken(secret, 'ab', 'c');
    expect(verifyCsrfToken(secret, 'a', token.replace(/^c\./, 'bc.'))).toBe(false);
  });

  it.each([
    undefined,
    null,
    '',
    '.',
    'abc',
    'a.b.c',
    '.sig',
    'nonce.',
    42,
    ['a.b'],
    'x'.repeat(300),
  ])('refuses the malformed value %j', (value) => {
    expect(verifyCsrfToken(secret, 's', value)).toBe(false);
  });
});
