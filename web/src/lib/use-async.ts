import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/http';

export type AsyncState<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'error'; data?: undefined; error: ApiError }
  | { status: 'ready'; data: T; error?: undefined };

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError('INTERNAL_ERROR', error instanceof Error ? error.message : String(error));
}

/** Loads data for a screen; `reload` runs it again, `setData` updates it in place. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  const generation = useRef(0);

  const run = useCallback(() => {
    const mine = ++generation.current;
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    load().then(
      (data) => mine === generation.current && setState({ status: 'ready', data }),
      (error: unknown) =>
        mine === generation.current && setState({ status: 'error', error: toApiError(error) }),
    );
    // The caller's deps decide when to run again (as with useEffect).
  }, deps);

  useEffect(() => {
    setState({ status: 'loading' });
    run();
    return () => {
      generation.current += 1;
    };
  }, [run]);

  const setData = useCallback((data: T) => setState({ status: 'ready', data }), []);
  return { state, reload: run, setData };
}
