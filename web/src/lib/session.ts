/**
 * Who is signed in. The cookies are HttpOnly, so the app learns it by asking: on load it fetches a
 * CSRF token (GET /api/auth/csrf, which also works on the refresh cookie alone) and then the user.
 * A first-time visitor is not probed at all: a harmless "has signed in on this browser" hint in
 * localStorage (never a token) avoids a 401 round trip for people who never signed in.
 */
import type { Capability, UserView } from '@llms/contract';
import { auth } from '../api/endpoints';
import { ApiError, fetchCsrfToken, onSessionChange, setCsrfToken } from '../api/http';
import { users } from '../api/endpoints';
import { currentPath, navigate } from './router';
import { Store } from './store';

export type SessionState =
  | { status: 'loading' }
  | { status: 'unavailable'; message: string }
  | { status: 'signedOut'; notice?: string }
  | { status: 'signedIn'; user: UserView };

export const session = new Store<SessionState>({ status: 'loading' });

const HINT_KEY = 'llms.hasSession';

function setHint(on: boolean): void {
  try {
    if (on) window.localStorage.setItem(HINT_KEY, '1');
    else window.localStorage.removeItem(HINT_KEY);
  } catch {
    // Storage can be disabled (private modes); the hint is only an optimisation.
  }
}

function hasHint(): boolean {
  try {
    return window.localStorage.getItem(HINT_KEY) === '1';
  } catch {
    return true;
  }
}

export function currentUser(): UserView | null {
  const state = session.get();
  return state.status === 'signedIn' ? state.user : null;
}

export function hasCapability(user: UserView | null, capability: Capability): boolean {
  return Boolean(user?.capabilities.includes(capability));
}

function signedIn(user: UserView, csrfToken?: string): void {
  if (csrfToken) setCsrfToken(csrfToken);
  setHint(true);
  session.set({ status: 'signedIn', user });
}

function signedOut(notice?: string): void {
  setCsrfToken(null);
  setHint(false);
  session.set({ status: 'signedOut', notice });
}

/** A transparent refresh renewed the session, or it could not be renewed: go to sign in. */
onSessionChange((user) => {
  if (user) {
    signedIn(user);
    return;
  }
  expireSession();
});

/** The session could not be renewed: sign in again, then come back to this page. */
export function expireSession(): void {
  if (session.get().status !== 'signedIn') return;
  signedOut('Your session has expired. Please sign in again.');
  sendToSignIn();
}

export function signInPath(next: string = currentPath()): string {
  return next === '/' || next.startsWith('/signin') || next.startsWith('/signup')
    ? '/signin'
    : `/signin?next=${encodeURIComponent(next)}`;
}

export function sendToSignIn(): void {
  navigate(signInPath(), { replace: true });
}

export async function restoreSession(): Promise<void> {
  session.set({ status: 'loading' });
  if (!hasHint()) {
    signedOut();
    return;
  }
  try {
    // The user first: a 401 refreshes the session under the cross-tab lock (another tab may be
    // rotating the refresh cookie right now), then the CSRF token for the current session.
    const user = await users.me();
    await fetchCsrfToken();
    signedIn(user);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      signedOut();
      return;
    }
    session.set({
      status: 'unavailable',
      message:
        error instanceof ApiError ? error.human : 'We could not load LLMS. Please try again.',
    });
  }
}

export async function signIn(email: string, password: string): Promise<UserView> {
  const result = await auth.login({ email, password });
  signedIn(result.user, result.csrfToken);
  return result.user;
}

export async function signUp(input: {
  name: string;
  email: string;
  password: string;
  capabilities: Capability[];
}): Promise<UserView> {
  const result = await auth.register(input);
  signedIn(result.user, result.csrfToken);
  return result.user;
}

export async function signOut(): Promise<void> {
  try {
    await auth.logout();
  } catch (error) {
    // Signed out either way: a failed logout (already expired, offline) leaves nothing usable here.
    if (!(error instanceof ApiError)) throw error;
  }
  signedOut('You are signed out.');
  navigate('/signin', { replace: true });
}
