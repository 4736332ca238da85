import { deviceCookieKey, deviceIdFor, issueDeviceCookie } from './device-cookie';

describe('device cookies', () => {
  const key = deviceCookieKey('x'.repeat(40));
  const email = 'Owner@Example.test';

  it('name the account: valid for its email (normalized), not for another', () => {
    const cookie = issueDeviceCookie(key, email);
    expect(deviceIdFor(key, ' owner@example.TEST ', cookie)).toEqual(expect.any(String));
    expect(deviceIdFor(key, 'other@example.test', cookie)).toBeNull();
    expect(cookie).not.toMatch(/owner|example/i);
  });

  it('give each sign-in its own device id', () => {
    expect(deviceIdFor(key, email, issueDeviceCookie(key, email))).not.toBe(
      deviceIdFor(key, email, issueDeviceCookie(key, email)),
    );
  });

  it('refuse tampering with any part, another key, and malformed values', () => {
    const cookie = issueDeviceCookie(key, email);
    const parts = cookie.split('.');
    for (let i = 0; i < parts.length; i++) {
      const changed = [...parts];
      changed[i] = (changed[i][0] === 'A' ? 'B' : 'A') + changed[i].slice(1);
      expect(deviceIdFor(key, email, changed.join('.'))).toBeNull();
    }
    expect(deviceIdFor(deviceCookieKey('y'.repeat(40)), email, cookie)).toBeNull();
    for (const value of [undefined, '', 'garbage', `${cookie}.x`, { $ne: null }, 'a'.repeat(500)])
      expect(deviceIdFor(key, email, value)).toBeNull();
  });
});
