import { decodeTranscriptCursor, encodeTranscriptCursor } from './transcript-cursor';

describe('transcript cursor', () => {
  it('round-trips the sequence number of a page’s last comment; no cursor starts at 0', () => {
    for (const seq of [1, 37, 1_000_000, Number.MAX_SAFE_INTEGER]) {
      const cursor = encodeTranscriptCursor(seq);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeTranscriptCursor(cursor)).toBe(seq);
    }
    expect(decodeTranscriptCursor(undefined)).toBe(0);
  });

  it('refuses anything it did not give, as VALIDATION_FAILED on the cursor field', () => {
    const forged = (text: string) => Buffer.from(text).toString('base64url');
    for (const cursor of [
      '',
      '$$',
      'a'.repeat(100),
      forged('t1.0'),
      forged('t1.-5'),
      forged('t1.zzzzzzzzzzzz'),
      forged('t2.5'),
      forged('r1.0'),
      forged('t1.5 '),
    ]) {
      expect(() => decodeTranscriptCursor(cursor)).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED' }),
      );
    }
  });
});
