import { useState } from 'preact/hooks';
import { CAPABILITIES, LIMITS, type Capability } from '@llms/contract';
import { ApiError } from '../api/http';
import { ErrorMessage, Field, PageTitle } from '../components/ui';
import { Link, navigate, safeNext, useLocation } from '../lib/router';
import { signUp } from '../lib/session';

const CAPABILITY_TEXT: Record<Capability, { label: string; hint: string }> = {
  TEACHER: { label: 'Teacher', hint: 'create and run live classes' },
  STUDENT: { label: 'Student', hint: 'join classes with a link' },
};

export function SignUpPage() {
  const { query } = useLocation();
  const next = safeNext(query.get('next'));
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [capabilities, setCapabilities] = useState<Capability[]>(['STUDENT']);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  const toggle = (capability: Capability, on: boolean) =>
    setCapabilities((current) =>
      on
        ? CAPABILITIES.filter((c) => c === capability || current.includes(c))
        : current.filter((c) => c !== capability),
    );

  const submit = async (event: Event) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = 'Enter your name.';
    if (!email.trim()) problems.email = 'Enter your email.';
    else if (!/^[^\s@]+@[^\s@]+$/.test(email.trim()))
      problems.email = 'Enter an email address like name@example.com.';
    if (password.length < LIMITS.PASSWORD_MIN)
      problems.password = `Use at least ${LIMITS.PASSWORD_MIN} characters.`;
    if (capabilities.length === 0)
      problems.capabilities = 'Choose at least one: teacher, student or both.';
    setFields(problems);
    if (Object.keys(problems).length) {
      const first = Object.keys(problems)[0];
      document.getElementById(first === 'capabilities' ? 'capability-TEACHER' : first)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signUp({ name: name.trim(), email: email.trim(), password, capabilities });
      navigate(next, { replace: true });
    } catch (failure) {
      const apiError =
        failure instanceof ApiError ? failure : new ApiError('INTERNAL_ERROR', String(failure));
      setError(apiError);
      if (apiError.code === 'VALIDATION_FAILED') setFields(apiError.fieldErrors());
      if (apiError.code === 'EMAIL_TAKEN')
        setFields({ email: 'This email already has an account.' });
      setBusy(false);
    }
  };

  const signInHref = next === '/' ? '/signin' : `/signin?next=${encodeURIComponent(next)}`;

  return (
    <div class="narrow">
      <PageTitle title="Create an account">Create an account</PageTitle>
      <form class="card form" onSubmit={submit} noValidate aria-busy={busy}>
        <Field
          id="name"
          label="Name"
          autoComplete="name"
          required
          value={name}
          error={fields.name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <Field
          id="email"
          label="Email"
          type="email"
          autoComplete="email"
          required
          value={email}
          error={fields.email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
        <Field
          id="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          minLength={LIMITS.PASSWORD_MIN}
          maxLength={LIMITS.PASSWORD_MAX}
          hint={`At least ${LIMITS.PASSWORD_MIN} characters.`}
          value={password}
          error={fields.password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        <fieldset
          class="field"
          aria-describedby={fields.capabilities ? 'capabilities-error' : undefined}
        >
          <legend>I am a…</legend>
          {CAPABILITIES.map((capability) => (
            <div class="check" key={capability}>
              <input
                type="checkbox"
                id={`capability-${capability}`}
                name="capabilities"
                value={capability}
                checked={capabilities.includes(capability)}
                onChange={(e) => toggle(capability, e.currentTarget.checked)}
              />
              <label for={`capability-${capability}`}>
                {CAPABILITY_TEXT[capability].label}
                <span class="muted"> — {CAPABILITY_TEXT[capability].hint}</span>
              </label>
            </div>
          ))}
          {fields.capabilities && (
            <p class="field-error" id="capabilities-error">
              {fields.capabilities}
            </p>
          )}
        </fieldset>
        <ErrorMessage error={error} />
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? 'Creating your account…' : 'Sign up'}
        </button>
      </form>
      <p>
        Already have an account? <Link href={signInHref}>Sign in</Link>
      </p>
    </div>
  );
}
