import { JOIN_CODE_PATTERN } from '@llms/contract';
import { newJoinCode } from './join-code';

describe('newJoinCode', () => {
  it('makes codes of the documented alphabet and length', () => {
    for (let i = 0; i < 1000; i++) expect(newJoinCode()).toMatch(JOIN_CODE_PATTERN);
  });

  it('does not repeat across many draws', () => {
    const codes = new Set(Array.from({ length: 20_000 }, newJoinCode));
    expect(codes.size).toBe(20_000);
  });

  it('uses every symbol of the alphabet roughly evenly', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++)
      for (const c of newJoinCode()) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(31);
    const expected = 30_000 / 31;
    for (const n of counts.values()) expect(Math.abs(n - expected)).toBeLessThan(expected * 0.25);
  });
});
