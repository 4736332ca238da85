import { useEffect, useState } from 'preact/hooks';
import { LIMITS, type ClassView } from '@llms/contract';
import { classes } from '../api/endpoints';
import { ApiError } from '../api/http';
import { ErrorMessage, Field, Loading, PageTitle, StatusBadge } from '../components/ui';
import { formatDateTime } from '../lib/format';
import { Link, navigate } from '../lib/router';
import { toApiError } from '../lib/use-async';

const PAGE_SIZE = 20;

export function ClassesPage() {
  return (
    <>
      <PageTitle title="My classes">My classes</PageTitle>
      <CreateClass />
      <ClassList />
    </>
  );
}

function CreateClass() {
  const [title, setTitle] = useState('');
  const [capacity, setCapacity] = useState('30');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  const submit = async (event: Event) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    const seats = Number(capacity);
    if (!title.trim()) problems.title = 'Give the class a title.';
    if (!Number.isInteger(seats) || seats < 1)
      problems.capacity = 'Enter a whole number of seats, 1 or more.';
    setFields(problems);
    if (Object.keys(problems).length) {
      document.getElementById(`class-${Object.keys(problems)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const created = await classes.create({ title: title.trim(), capacity: seats });
      navigate(`/classes/${created.id}`);
    } catch (failure) {
      const apiError = toApiError(failure);
      setError(apiError);
      if (apiError.code === 'VALIDATION_FAILED') setFields(apiError.fieldErrors());
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="create-heading">
      <h2 id="create-heading">Create a class</h2>
      <form class="form form-inline" onSubmit={submit} noValidate aria-busy={busy}>
        <Field
          id="class-title"
          label="Title"
          required
          maxLength={LIMITS.TITLE_MAX}
          value={title}
          error={fields.title}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
        <Field
          id="class-capacity"
          label="Capacity (seats)"
          type="number"
          inputMode="numeric"
          min={LIMITS.CAPACITY_MIN}
          max={LIMITS.CAPACITY_MAX}
          step={1}
          required
          value={capacity}
          error={fields.capacity}
          onInput={(e) => setCapacity(e.currentTarget.value)}
        />
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create class'}
        </button>
      </form>
      {error?.code === 'ALREADY_ACTIVE' ? (
        <ErrorMessage message="You are teaching a live class right now. End it before creating another." />
      ) : (
        <ErrorMessage error={error} />
      )}
    </section>
  );
}

function ClassList() {
  const [items, setItems] = useState<ClassView[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [status, setStatus] = useState<'loading' | 'ready' | 'error' | 'more'>('loading');
  const [error, setError] = useState<ApiError | null>(null);

  const load = async (after: string | null) => {
    setStatus(after ? 'more' : 'loading');
    setError(null);
    try {
      const page = await classes.listMine({ cursor: after, limit: PAGE_SIZE });
      setItems((current) => (after ? [...current, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setStatus('ready');
    } catch (failure) {
      setError(toApiError(failure));
      setStatus(after ? 'ready' : 'error');
    }
  };

  useEffect(() => {
    void load(null);
  }, []);

  return (
    <section
      class="card"
      aria-labelledby="list-heading"
      aria-busy={status === 'loading' || status === 'more'}
    >
      <h2 id="list-heading">Your classes</h2>
      {status === 'loading' && <Loading label="Loading your classes…" />}
      {status === 'error' && <ErrorMessage error={error} onRetry={() => void load(null)} />}
      {status !== 'loading' && status !== 'error' && items.length === 0 && (
        <p class="muted">You have no classes yet. Create one above.</p>
      )}
      {items.length > 0 && (
        <ul class="class-list">
          {items.map((item) => (
            <li key={item.id} class="class-item">
              <div class="class-item-head">
                <Link href={`/classes/${item.id}`} class="class-link">
                  {item.title}
                </Link>
                <StatusBadge status={item.status} />
              </div>
              <dl class="meta">
                <div>
                  <dt>Created</dt>
                  <dd>{formatDateTime(item.createdAt)}</dd>
                </div>
                <div>
                  <dt>Started</dt>
                  <dd>{formatDateTime(item.startedAt)}</dd>
                </div>
                <div>
                  <dt>Ended</dt>
                  <dd>{formatDateTime(item.endedAt)}</dd>
                </div>
                <div>
                  <dt>Seats</dt>
                  <dd>
                    {item.status === 'LIVE'
                      ? `${item.participantCount} of ${item.capacity}`
                      : item.capacity}
                  </dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
      {status === 'ready' && error && (
        <ErrorMessage error={error} onRetry={() => void load(cursor)} />
      )}
      {cursor && status !== 'error' && (
        <button
          type="button"
          class="button button-secondary"
          disabled={status === 'more'}
          onClick={() => void load(cursor)}
        >
          {status === 'more' ? 'Loading more…' : 'Load more'}
        </button>
      )}
    </section>
  );
}
