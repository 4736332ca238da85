import { useState } from 'preact/hooks';
import { ApiError } from '../api/http';
import { ErrorMessage, Field, Notice, PageTitle } from '../components/ui';
import { Link, navigate, safeNext, useLocation } from '../lib/router';
import { signIn } from '../lib/session';

export function SignInPage({ notice }: { notice?: string }) {
  const { query } = useLocation();
  const next = safeNext(query.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [missing, setMissing] = useState<Record<string, string>>({});

  const submit = async (event: Event) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!email.trim()) problems.email = 'Enter your email.';
    if (!password) problems.password = 'Enter your password.';
    setMissing(problems);
    if (Object.keys(problems).length) {
      document.getElementById(Object.keys(problems)[0])?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
      navigate(next, { replace: true });
    } catch (failure) {
      setError(
        failure instanceof ApiError ? failure : new ApiError('INTERNAL_ERROR', String(failure)),
      );
      setBusy(false);
    }
  };

  const signUpHref = next === '/' ? '/signup' : `/signup?next=${encodeURIComponent(next)}`;

  return (
    <div class="narrow">
      <PageTitle title="Sign in">Sign in</PageTitle>
      {notice && <Notice>{notice}</Notice>}
      {next.startsWith('/join/') && <p>Sign in to join the class you were invited to.</p>}
      <form class="card form" onSubmit={submit} noValidate aria-busy={busy}>
        <Field
          id="email"
          label="Email"
          type="email"
          autoComplete="email"
          required
          value={email}
          error={missing.email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
        <Field
          id="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          error={missing.password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        <ErrorMessage error={error} />
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p>
        New to LLMS? <Link href={signUpHref}>Create an account</Link>
      </p>
    </div>
  );
}
