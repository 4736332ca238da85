/**
 * A tiny history router: the app has a handful of routes, so a dependency would cost more than
 * it gives. `navigate()` changes the URL, `useLocation()` re-renders on change, `<Link>` keeps
 * ordinary link semantics (middle click, modifier keys, copy address) while navigating in-app.
 */
import type { AnchorHTMLAttributes, ComponentChildren, TargetedMouseEvent } from 'preact';
import { useEffect, useState } from 'preact/hooks';

const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

window.addEventListener('popstate', notify);

export function currentPath(): string {
  return window.location.pathname + window.location.search;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to !== currentPath()) {
    if (options.replace) window.history.replaceState(null, '', to);
    else window.history.pushState(null, '', to);
  }
  window.scrollTo(0, 0);
  notify();
}

/** Only same-origin paths are followed after sign-in, so `?next=` cannot send users elsewhere. */
export function safeNext(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\'))
    return '/';
  return value;
}

export interface RouteLocation {
  pathname: string;
  query: URLSearchParams;
}

export function useLocation(): RouteLocation {
  const [, setVersion] = useState(0);
  useEffect(() => {
    const listener = () => setVersion((n) => n + 1);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return { pathname: window.location.pathname, query: new URLSearchParams(window.location.search) };
}

type AnchorProps = AnchorHTMLAttributes<HTMLAnchorElement> & {
  href: string;
  children?: ComponentChildren;
};

export function Link({ href, onClick, ...rest }: AnchorProps) {
  const handleClick = (event: TargetedMouseEvent<HTMLAnchorElement>) => {
    if (typeof onClick === 'function') onClick(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handleClick} {...rest} />;
}
