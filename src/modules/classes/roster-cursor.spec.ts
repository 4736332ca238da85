import { decodeRosterCursor, encodeRosterCursor } from './roster-cursor';

describe('roster cursor', () => {
  const userId = '665f1c2e9b1e8a0012345679';

  it('round-trips a scan position, with or without the last participant listed', () => {
    for (const cursor of [
      { scan: '0', after: null },
      { scan: '18446744073709551615', after: null },
      { scan: '96', after: { joinedAt: 1_767_225_600_123, userId } },
    ]) {
      const encoded = encodeRosterCursor(cursor);
      expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeRosterCursor(encoded)).toEqual(cursor);
    }
    expect(decodeRosterCursor(undefined)).toEqual({ scan: '0', after: null });
  });

  it('refuses anything it did not give, as VALIDATION_FAILED on the cursor field', () => {
    const forged = (text: string) => Buffer.from(text).toString('base64url');
    for (const cursor of [
      '',
      'not base64!',
      'a'.repeat(200),
      forged('r1.'),
      forged('r1.-1'),
      forged('r1.123456789012345678901'),
      forged('r2.0'),
      forged(`r1.5.zzzzzzzzzzzz.${userId}`),
      forged(`r1.5.1kq3t4r8g.${userId.toUpperCase()}`),
      forged('r1.5.1kq3t4r8g.{"$gt":""}'),
      forged('t1.2k'),
    ]) {
      expect(() => decodeRosterCursor(cursor)).toThrow(
        expect.objectContaining({
          code: 'VALIDATION_FAILED',
          details: [expect.objectContaining({ field: 'cursor' })],
        }),
      );
    }
  });
});
