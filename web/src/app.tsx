import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { UserView } from '@llms/contract';
import { ErrorMessage, Loading, Notice, PageTitle } from './components/ui';
import { Link, navigate, safeNext, useLocation } from './lib/router';
import {
  expireSession,
  hasCapability,
  restoreSession,
  session,
  signInPath,
  signOut,
} from './lib/session';
import { useStore } from './lib/store';
import { ClassCommentsPage } from './pages/ClassComments';
import { ClassManagePage } from './pages/ClassManage';
import { ClassesPage } from './pages/Classes';
import { HomePage } from './pages/Home';
import { JoinPage } from './pages/Join';
import { SignInPage } from './pages/SignIn';
import { SignUpPage } from './pages/SignUp';
import { live } from './realtime/live';

type Screen =
  | { name: 'signin' }
  | { name: 'signup' }
  | { name: 'home' }
  | { name: 'classes' }
  | { name: 'class'; id: string }
  | { name: 'classComments'; id: string }
  | { name: 'join'; code: string }
  | { name: 'notFound' };

function route(pathname: string): Screen {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'home' };
  if (path === '/signin') return { name: 'signin' };
  if (path === '/signup') return { name: 'signup' };
  if (path === '/classes') return { name: 'classes' };
  let match = /^\/classes\/([^/]+)$/.exec(path);
  if (match) return { name: 'class', id: decodeURIComponent(match[1]) };
  match = /^\/classes\/([^/]+)\/comments$/.exec(path);
  if (match) return { name: 'classComments', id: decodeURIComponent(match[1]) };
  match = /^\/join\/([^/]+)$/.exec(path);
  if (match) return { name: 'join', code: decodeURIComponent(match[1]) };
  return { name: 'notFound' };
}

const PUBLIC_SCREENS = new Set<Screen['name']>(['signin', 'signup', 'notFound']);

export function App() {
  const state = useStore(session);
  const { pathname } = useLocation();
  const screen = route(pathname);

  useEffect(() => {
    void restoreSession();
  }, []);

  // The socket lives exactly as long as the session.
  useEffect(() => {
    if (state.status === 'signedIn') live.start(expireSession);
    else if (state.status === 'signedOut') live.stop();
  }, [state.status]);

  // Route guards: signed-out users go to sign in (keeping the page); signed-in users skip it.
  // Effects run after paint: read the address now, not the one this render saw.
  useEffect(() => {
    const now = route(window.location.pathname).name;
    if (state.status === 'signedOut' && !PUBLIC_SCREENS.has(now))
      navigate(signInPath(), { replace: true });
    if (state.status === 'signedIn' && (now === 'signin' || now === 'signup')) {
      navigate(safeNext(new URLSearchParams(window.location.search).get('next')), {
        replace: true,
      });
    }
  }, [state.status, screen.name]);

  // After in-app navigation, move focus to the new screen's heading (announced by screen readers).
  const firstPath = useRef(pathname);
  useEffect(() => {
    if (pathname === firstPath.current) return;
    firstPath.current = '';
    const heading = document.querySelector<HTMLElement>('main h1');
    heading?.focus();
  }, [pathname, state.status]);

  const user = state.status === 'signedIn' ? state.user : null;

  return (
    <Layout user={user}>
      {state.status === 'loading' && <Loading label="Loading LLMS…" />}
      {state.status === 'unavailable' && (
        <>
          <PageTitle title="Unavailable">LLMS is unavailable</PageTitle>
          <ErrorMessage message={state.message} onRetry={() => void restoreSession()} />
        </>
      )}
      {state.status === 'signedOut' && screen.name === 'signin' && (
        <SignInPage notice={state.notice} />
      )}
      {state.status === 'signedOut' && screen.name === 'signup' && <SignUpPage />}
      {screen.name === 'notFound' && state.status !== 'loading' && <NotFound />}
      {user && <SignedInScreen screen={screen} user={user} />}
    </Layout>
  );
}

function SignedInScreen({ screen, user }: { screen: Screen; user: UserView }) {
  switch (screen.name) {
    case 'home':
      return <HomePage user={user} />;
    case 'classes':
      return hasCapability(user, 'TEACHER') ? <ClassesPage /> : <TeachersOnly />;
    case 'class':
      return <ClassManagePage key={screen.id} id={screen.id} user={user} />;
    case 'classComments':
      return <ClassCommentsPage key={screen.id} id={screen.id} />;
    case 'join':
      return <JoinPage key={screen.code} code={screen.code} user={user} />;
    default:
      return null;
  }
}

function TeachersOnly() {
  return (
    <>
      <PageTitle title="My classes">My classes</PageTitle>
      <Notice>
        Creating classes needs a teacher account. Ask your teacher for a join link to take part in a
        class.
      </Notice>
    </>
  );
}

function NotFound() {
  return (
    <>
      <PageTitle title="Page not found">Page not found</PageTitle>
      <p>There is nothing at this address.</p>
      <p>
        <Link href="/">Go home</Link>
      </p>
    </>
  );
}

function ConnectionBanner() {
  const status = useStore(live.status);
  // Always rendered so screen readers hear changes; empty when all is well.
  return (
    <div class="connection" role="status" aria-live="polite">
      {status === 'reconnecting' && (
        <p class="connection-banner">
          <span class="spinner" aria-hidden="true" /> Connection lost. Reconnecting…
        </p>
      )}
      {status === 'refused' && (
        <p class="connection-banner connection-refused">
          Live features are off: the server does not accept connections from{' '}
          <strong>{location.origin}</strong>. Open LLMS at its usual address (for a local run, the{' '}
          <code>PUBLIC_URL</code>, by default http://localhost:3000), or add this address to{' '}
          <code>CORS_ORIGINS</code> on the server.
        </p>
      )}
      {status === 'too-many' && (
        <p class="connection-banner connection-refused">
          LLMS is open in too many tabs or devices for your account. Close some of them; this tab
          connects again by itself.
        </p>
      )}
    </div>
  );
}

function Layout({ user, children }: { user: UserView | null; children: ComponentChildren }) {
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="site-header">
        <div class="header-inner">
          <Link href="/" class="brand">
            <span aria-hidden="true" class="brand-mark">
              L
            </span>
            LLMS<span class="visually-hidden"> home</span>
          </Link>
          {user && (
            <nav aria-label="Main">
              <ul>
                <li>
                  <Link href="/">Home</Link>
                </li>
                {hasCapability(user, 'TEACHER') && (
                  <li>
                    <Link href="/classes">My classes</Link>
                  </li>
                )}
              </ul>
            </nav>
          )}
          {user && (
            <div class="account">
              <span class="account-name" title={user.email}>
                {user.name}
              </span>
              <button
                type="button"
                class="button button-secondary button-small"
                onClick={() => void signOut()}
              >
                Sign out
              </button>
            </div>
          )}
        </div>
        {user && <ConnectionBanner />}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
