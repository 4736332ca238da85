import { useState } from 'preact/hooks';
import type { UserView } from '@llms/contract';
import { classes, users } from '../api/endpoints';
import { ErrorMessage, Field, Loading, PageTitle } from '../components/ui';
import { formatDateTime, formatDuration } from '../lib/format';
import { Link, navigate } from '../lib/router';
import { hasCapability } from '../lib/session';
import { useAsync } from '../lib/use-async';
import { joinCodeOf } from '../lib/join-codes';

/** "https://host/join/AbC123", "/join/AbC123" or just "AbC123" -> "AbC123". */
export function joinCodeFrom(input: string): string | null {
  const trimmed = input.trim();
  if (!trimmed) return null;
  const match = /\/join\/([^/?#\s]+)/.exec(trimmed);
  const code = match ? match[1] : trimmed;
  return /^[A-Za-z0-9_-]+$/.test(code) ? code : null;
}

export function HomePage({ user }: { user: UserView }) {
  const isTeacher = hasCapability(user, 'TEACHER');
  return (
    <>
      <PageTitle title="Home">Hello, {user.name}</PageTitle>
      <ActiveClass />
      <div class="grid">
        <JoinByLink />
        {isTeacher && (
          <section class="card" aria-labelledby="teach-heading">
            <h2 id="teach-heading">Teach</h2>
            <p>
              Create a class, start it when you are ready and share its join link with your
              students.
            </p>
            <Link class="button button-primary" href="/classes">
              Go to my classes
            </Link>
          </section>
        )}
      </div>
      <MyAttendance />
    </>
  );
}

/** Where the user is live right now, if anywhere, with a way back in. */
function ActiveClass() {
  const { state } = useAsync(async () => {
    const me = await users.me();
    if (!me.activeClassId) return null;
    const active = await classes.get(me.activeClassId);
    return { active, teaching: active.createdBy === me.id };
  }, []);
  if (state.status !== 'ready' || !state.data) return null;
  const { active, teaching } = state.data;
  const joinCode = teaching ? null : joinCodeOf(active.id);
  return (
    <div class="alert alert-info" role="status">
      <p>
        {teaching ? 'You are teaching' : 'You are in'} <strong>{active.title}</strong>, which is
        live now.
      </p>
      {(teaching || joinCode) && (
        <Link
          class="button button-secondary"
          href={teaching ? `/classes/${active.id}` : `/join/${joinCode}`}
        >
          {teaching ? 'Open the live class' : 'Return to the class'}
        </Link>
      )}
    </div>
  );
}

function JoinByLink() {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const submit = (event: Event) => {
    event.preventDefault();
    const code = joinCodeFrom(value);
    if (!code) {
      setError('Paste the join link your teacher shared, for example https://…/join/AbC123.');
      document.getElementById('join-link')?.focus();
      return;
    }
    navigate(`/join/${code}`);
  };
  return (
    <section class="card" aria-labelledby="join-heading">
      <h2 id="join-heading">Join a class</h2>
      <form class="form" onSubmit={submit} noValidate>
        <Field
          id="join-link"
          label="Join link or code"
          autoComplete="off"
          value={value}
          error={error}
          onInput={(e) => {
            setValue(e.currentTarget.value);
            setError(undefined);
          }}
        />
        <button type="submit" class="button button-primary">
          Open class
        </button>
      </form>
    </section>
  );
}

/** "12 min of 45 min" with a bar, or just the time when the class's length is not known yet. */
function TimeAgainstLength({ seconds, of }: { seconds: number; of?: number | null }) {
  if (!of) return <>{formatDuration(seconds)}</>;
  const share = Math.min(100, Math.round((seconds / of) * 100));
  return (
    <span class="attended">
      <span>
        {formatDuration(seconds)} of {formatDuration(of)} <span class="muted">({share}%)</span>
      </span>
      <span class="attended-bar" aria-hidden="true">
        <span style={{ width: `${share}%` }} />
      </span>
    </span>
  );
}

function MyAttendance() {
  const { state, reload } = useAsync(() => users.myAttendance(), []);
  return (
    <section
      class="card"
      aria-labelledby="my-attendance-heading"
      aria-busy={state.status === 'loading'}
    >
      <h2 id="my-attendance-heading">Classes I attended</h2>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage error={state.error} onRetry={reload} />}
      {state.status === 'ready' && state.data.length === 0 && <p class="muted">Nothing yet.</p>}
      {state.status === 'ready' && state.data.length > 0 && (
        <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="my-attendance-caption">
          <table id="my-attendance">
            <caption id="my-attendance-caption" class="visually-hidden">
              Each stay, newest first, against the length of its class
            </caption>
            <thead>
              <tr>
                <th scope="col">Class</th>
                <th scope="col">Joined</th>
                <th scope="col">Time in class, of the class&rsquo;s length</th>
                <th scope="col">Comments</th>
              </tr>
            </thead>
            <tbody>
              {state.data.slice(0, 20).map((item) => (
                <tr key={`${item.classId}-${item.joinedAt}`}>
                  <th scope="row">{item.classTitle}</th>
                  <td>{formatDateTime(item.joinedAt)}</td>
                  <td>
                    <TimeAgainstLength
                      seconds={item.durationSeconds}
                      of={item.classDurationSeconds}
                    />
                  </td>
                  <td>
                    {item.classDurationSeconds != null ? (
                      <Link href={`/classes/${item.classId}/comments`}>
                        Read<span class="visually-hidden"> the comments of {item.classTitle}</span>
                      </Link>
                    ) : (
                      <span class="muted">Live</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
