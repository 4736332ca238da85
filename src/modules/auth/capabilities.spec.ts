import { DEFAULT_CAPABILITIES, hasCapability, isCapabilityList } from './capabilities';

describe('capability rules', () => {
  it('defaults new accounts to STUDENT only', () => {
    expect(DEFAULT_CAPABILITIES).toEqual(['STUDENT']);
  });

  it.each([
    [['STUDENT'], true],
    [['TEACHER'], true],
    [['TEACHER', 'STUDENT'], true],
    [[], false],
    [['STUDENT', 'STUDENT'], false],
    [['ADMIN'], false],
    [['teacher'], false],
    ['TEACHER', false],
    [null, false],
  ])('accepts %j as a capability set: %s', (value, valid) => {
    expect(isCapabilityList(value)).toBe(valid);
  });

  it('grants a capability only when the user holds it', () => {
    expect(hasCapability({ capabilities: ['TEACHER', 'STUDENT'] }, 'TEACHER')).toBe(true);
    expect(hasCapability({ capabilities: ['STUDENT'] }, 'TEACHER')).toBe(false);
  });
});
