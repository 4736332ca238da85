import { LIMITS } from '@llms/contract';
import { AppError } from '@llms/errors';
import { assertJsonShape } from './json-shape';

/** An object `levels` deep: `{a: {a: ... {a: 1}}}`. */
function nested(levels: number): unknown {
  let value: unknown = { a: 1 };
  for (let i = 1; i < levels; i++) value = { a: value };
  return value;
}

const wide = (count: number) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, i]));

const refusal = (value: unknown) => {
  try {
    assertJsonShape(value);
  } catch (error) {
    return error;
  }
  return null;
};

describe('assertJsonShape', () => {
  it('lets primitives, null and shapes within the limits through', () => {
    for (const value of [undefined, null, 1, 'x', true, [], {}, nested(LIMITS.JSON_DEPTH_MAX)])
      expect(refusal(value)).toBeNull();
    expect(refusal(wide(LIMITS.JSON_KEYS_MAX))).toBeNull();
    expect(refusal({ list: Array.from({ length: 5000 }, () => ({ a: 1 })) })).toBeNull();
  });

  it('refuses one level too deep, objects and arrays alike, with VALIDATION_FAILED', () => {
    const error = refusal(nested(LIMITS.JSON_DEPTH_MAX + 1));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(/deep/),
    });
    let array: unknown = [];
    for (let i = 1; i <= LIMITS.JSON_DEPTH_MAX; i++) array = [array];
    expect(refusal(array)).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('refuses an object with one key too many, wherever it sits', () => {
    expect(refusal(wide(LIMITS.JSON_KEYS_MAX + 1))).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(refusal({ a: [{ b: wide(LIMITS.JSON_KEYS_MAX + 1) }] })).toMatchObject({
      message: expect.stringMatching(/too many keys/),
    });
  });

  it('walks 100,000 levels without recursion (no stack overflow)', () => {
    expect(refusal(nested(100_000))).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
