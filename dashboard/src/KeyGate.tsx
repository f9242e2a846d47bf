import { useState, type FormEvent } from "react";

import { ApiError, request, storeKey } from "./api";
import { FieldError } from "./components/States";
import { asApiError } from "./hooks";

/** Asks for an API key once; it is checked against the API and kept for the browser session. */
export default function KeyGate({ onKey, refused }: { onKey: (key: string) => void; refused: boolean }) {
  const [key, setKey] = useState("");
  const [error, setError] = useState<ApiError>();
  const [checking, setChecking] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = key.trim();
    if (!trimmed) {
      setError(new ApiError(422, "", "", [{ field: "key", message: "enter an API key" }]));
      return;
    }
    setChecking(true);
    try {
      await request("/jobs?limit=1", { key: trimmed });
      storeKey(trimmed);
      onKey(trimmed);
    } catch (problem) {
      const failure = asApiError(problem);
      const message = failure.status === 401 ? "the API does not accept this key" : failure.message;
      setError(new ApiError(failure.status, failure.title, failure.detail, [{ field: "key", message }]));
    } finally {
      setChecking(false);
    }
  }

  return (
    <main className="key-gate">
      <form onSubmit={submit} className="card" noValidate>
        <h1>PulseTrack</h1>
        <p>
          {refused
            ? "The API refused the key this session had. Enter a valid one."
            : "Enter an API key. It is kept in this browser tab's session only."}
        </p>
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          type="password"
          autoComplete="off"
          value={key}
          placeholder="pt_…"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "api-key-error" : undefined}
          onChange={(event) => setKey(event.target.value)}
        />
        <FieldError id="api-key-error" message={error?.forField("key")} />
        <button type="submit" disabled={checking}>
          {checking ? "Checking…" : "Open the dashboard"}
        </button>
        <small>
          Make one with <code>pulsetrack api-keys create --name me</code>; <code>make run</code> prints a
          development key.
        </small>
      </form>
    </main>
  );
}
