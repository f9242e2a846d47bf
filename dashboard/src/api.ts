// The API on the dashboard's own origin, with the session's key, and its problem details.

const KEY_STORAGE = "pulsetrack.apiKey";

export function storedKey(): string | null {
  return sessionStorage.getItem(KEY_STORAGE);
}

export function storeKey(key: string): void {
  sessionStorage.setItem(KEY_STORAGE, key);
}

export function forgetKey(): void {
  sessionStorage.removeItem(KEY_STORAGE);
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** An RFC 9457 problem the API answered with, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldProblem[] = [],
    readonly type: string = "",
  ) {
    super(detail || title);
  }

  /** Whether the problem is of this type (`user_not_found` for `/problems/user_not_found`). */
  is(code: string): boolean {
    return this.type === `/problems/${code}`;
  }

  /** The message for one field (`as_of`, `params.steps`), if the API named it. */
  forField(field: string): string | undefined {
    return this.errors.find((error) => error.field === field)?.message;
  }
}

// Listeners told when the key is refused, so the shell can ask for it again.
const unauthorizedListeners = new Set<() => void>();

export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

async function problemOf(response: Response): Promise<ApiError> {
  try {
    const body = await response.json();
    return new ApiError(
      response.status,
      body.title ?? response.statusText,
      body.detail ?? "",
      body.errors ?? [],
      body.type ?? "",
    );
  } catch {
    return new ApiError(response.status, response.statusText, `HTTP ${response.status}`);
  }
}

export async function request<T>(
  path: string,
  init: { method?: string; body?: unknown; key?: string; signal?: AbortSignal } = {},
): Promise<T> {
  const key = init.key ?? storedKey();
  const headers: Record<string, string> = { Accept: "application/json" };
  if (key) headers.Authorization = `Bearer ${key}`;
  if (init.body !== undefined) headers["Content-Type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? "GET",
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, "The API cannot be reached", String(error));
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    if (response.status === 401 && init.key === undefined) {
      unauthorizedListeners.forEach((listener) => listener());
    }
    throw problem;
  }
  return (await response.json()) as T;
}

export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
