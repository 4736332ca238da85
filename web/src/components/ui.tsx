/** Small accessible building blocks shared by every screen. */
import type { ComponentChildren, InputHTMLAttributes } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ClassStatus } from '@llms/contract';
import type { ApiError } from '../api/http';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p class="loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

/** An error the person must notice; announced at once by screen readers. */
export function ErrorMessage({
  error,
  message,
  onRetry,
  retryLabel = 'Try again',
  children,
}: {
  error?: ApiError | null;
  message?: string;
  onRetry?: () => void;
  retryLabel?: string;
  children?: ComponentChildren;
}) {
  const text = message ?? error?.human;
  if (!text && !children) return null;
  return (
    <div class="alert alert-error" role="alert">
      {text && <p>{text}</p>}
      {children}
      {onRetry && (
        <button type="button" class="button button-secondary" onClick={onRetry}>
          {retryLabel}
        </button>
      )}
    </div>
  );
}

export function Notice({
  children,
  tone = 'info',
}: {
  children: ComponentChildren;
  tone?: 'info' | 'success' | 'warning';
}) {
  return (
    <div class={`alert alert-${tone}`} role="status">
      {children}
    </div>
  );
}

const STATUS_LABEL: Record<ClassStatus, string> = {
  CREATED: 'Not started',
  LIVE: 'Live',
  ENDED: 'Ended',
};

export function StatusBadge({ status }: { status: ClassStatus }) {
  return <span class={`badge badge-${status.toLowerCase()}`}>{STATUS_LABEL[status]}</span>;
}

type InputProps = InputHTMLAttributes<HTMLInputElement> & {
  id: string;
  label: string;
  error?: string;
  hint?: string;
};

/** A labelled input whose error and hint are tied to it for assistive technology. */
export function Field({ id, label, error, hint, ...input }: InputProps) {
  const describedBy =
    [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <input
        id={id}
        name={id}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
        {...input}
      />
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A read-only link with a Copy button; falls back to selecting the text when the clipboard is closed. */
export function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [feedback, setFeedback] = useState('');
  useEffect(() => {
    if (!feedback) return;
    const timer = setTimeout(() => setFeedback(''), 4000);
    return () => clearTimeout(timer);
  }, [feedback]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setFeedback('Link copied.');
    } catch {
      input.current?.focus();
      input.current?.select();
      setFeedback('Press Ctrl+C (or ⌘C) to copy the selected link.');
    }
  };

  return (
    <div class="field">
      <label for={id}>{label}</label>
      <div class="copy-row">
        <input
          id={id}
          ref={input}
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" class="button" onClick={copy}>
          Copy link
        </button>
      </div>
      <p class="hint" role="status" aria-live="polite">
        {feedback}
      </p>
    </div>
  );
}

/** The page's h1; focused after in-app navigation so screen readers announce the new screen. */
export function PageTitle({ children, title }: { children: ComponentChildren; title: string }) {
  useEffect(() => {
    document.title = `${title} · LLMS`;
  }, [title]);
  return (
    <h1 tabIndex={-1} class="page-title">
      {children}
    </h1>
  );
}
