import type { ReactNode } from "react";

import type { ApiError } from "../api";

export function Loading({ what = "Loading" }: { what?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {what}…
    </p>
  );
}

export function ErrorBox({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  return (
    <div className="error-box" role="alert">
      <strong>{error.status ? `${error.status} · ${error.title}` : error.title}</strong>
      {error.detail && error.detail !== error.title && <p>{error.detail}</p>}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** One request's states: loading (first time), error, or the content. */
export function Async<T>({
  data,
  error,
  loading,
  reload,
  what,
  children,
}: {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload?: () => void;
  what?: string;
  children: (data: T) => ReactNode;
}) {
  if (error && data === undefined) return <ErrorBox error={error} onRetry={reload} />;
  if (data === undefined) return loading ? <Loading what={what} /> : null;
  return (
    <>
      {error && <ErrorBox error={error} onRetry={reload} />}
      {children(data)}
    </>
  );
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <span className="field-error" id={id} role="alert">
      {message}
    </span>
  );
}
