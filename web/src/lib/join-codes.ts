/**
 * The join codes of classes this browser has opened by link. Only a class's creator gets its
 * code from the API, so a participant's way back into a class (the home page's "Return to the
 * class") uses the code remembered from the link they came by.
 */
const KEY = 'llms.joinCodes';
const KEPT = 20;

function read(): Record<string, string> {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return value && typeof value === 'object' ? (value as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export function rememberJoinCode(classId: string, joinCode: string): void {
  const codes = Object.entries({ ...read(), [classId]: joinCode }).slice(-KEPT);
  try {
    localStorage.setItem(KEY, JSON.stringify(Object.fromEntries(codes)));
  } catch {
    // Storage full or disabled: the user can still use the link itself.
  }
}

export function joinCodeOf(classId: string): string | null {
  return read()[classId] ?? null;
}
