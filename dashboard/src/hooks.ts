import { useCallback, useEffect, useRef, useState } from "react";

import { ApiError, request } from "./api";

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * GET `path` (nothing while it is null), again whenever it changes or `reload` is called, and
 * every `pollMs` while `poll` is true. A failed reload keeps the data it had.
 */
export function useApi<T>(
  path: string | null,
  { pollMs = 1000, poll = false }: { pollMs?: number; poll?: boolean } = {},
): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(path !== null);
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const lastPath = useRef(path);

  useEffect(() => {
    if (lastPath.current !== path) {
      lastPath.current = path;
      setData(undefined);
    }
    if (path === null) {
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    request<T>(path, { signal: controller.signal })
      .then((body) => {
        setData(body);
        setError(undefined);
      })
      .catch((problem) => {
        if (!controller.signal.aborted) setError(asApiError(problem));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [path, generation]);

  useEffect(() => {
    if (!poll || path === null) return;
    // A tab in the background polls nothing; it catches up when shown again.
    const timer = setInterval(() => document.hidden || reload(), pollMs);
    const onVisible = () => document.hidden || reload();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [poll, pollMs, path, reload]);

  return { data, error, loading, reload };
}

export function asApiError(problem: unknown): ApiError {
  return problem instanceof ApiError ? problem : new ApiError(0, "Unexpected error", String(problem));
}

/** Send one request on demand (a button, a form), with its pending and error state. */
export function useAction<A extends unknown[], T>(action: (...args: A) => Promise<T>) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const run = useCallback(
    async (...args: A): Promise<T | undefined> => {
      setPending(true);
      setError(undefined);
      try {
        return await action(...args);
      } catch (problem) {
        setError(asApiError(problem));
        return undefined;
      } finally {
        setPending(false);
      }
    },
    [action],
  );
  return { run, pending, error, clearError: () => setError(undefined) };
}
