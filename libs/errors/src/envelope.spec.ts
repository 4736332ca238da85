import { LIMITS } from '@llms/contract';
import { sendFailure } from './envelope';

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe('sendFailure', () => {
  it('keeps a small failure as it is', () => {
    expect(
      sendFailure('VALIDATION_FAILED', 'Bad', { details: [{ field: 'a', message: 'm' }] }),
    ).toEqual({
      success: false,
      error: { code: 'VALIDATION_FAILED', message: 'Bad', details: [{ field: 'a', message: 'm' }] },
    });
  });

  it(`lists at most ${LIMITS.ERROR_DETAILS_MAX} details`, () => {
    const details = Array.from({ length: 6500 }, (_, i) => ({ field: `k${i}`, message: 'no' }));
    const body = sendFailure('VALIDATION_FAILED', 'Bad', { details });
    expect(body.error.details).toHaveLength(LIMITS.ERROR_DETAILS_MAX);
    expect(body.error.details?.[0]).toEqual({ field: 'k0', message: 'no' });
  });

  it('stays under 4 KiB with huge field names, messages and multi-byte text', () => {
    const details = Array.from({ length: 50 }, (_, i) => ({
      field: `${'é'.repeat(5000)}${i}`,
      message: '漢'.repeat(5000),
    }));
    const body = sendFailure('VALIDATION_FAILED', 'm'.repeat(100_000), {
      details,
      requestId: 'r'.repeat(1000),
    });
    expect(bytes(body)).toBeLessThan(LIMITS.ERROR_BODY_MAX_BYTES);
    expect(body.error.message.length).toBeLessThanOrEqual(300);
    expect(body.error.details?.length).toBeGreaterThan(0);
    for (const detail of body.error.details ?? []) expect(detail.field!.endsWith('…')).toBe(true);
  });
});
