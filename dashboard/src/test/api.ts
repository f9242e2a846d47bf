import { vi } from "vitest";

type Answer = { status?: number; body: unknown } | ((init: RequestInit | undefined) => { status?: number; body: unknown });

/**
 * Replace `fetch` with answers keyed by "METHOD /path?query" (the query optional: a key without
 * one matches any query). Returns the calls made, to assert on what was sent.
 */
export function mockApi(routes: Record<string, Answer>) {
  const calls: { method: string; url: string; init?: RequestInit }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? "GET";
      calls.push({ method, url, init });
      const answer = routes[`${method} ${url}`] ?? routes[`${method} ${url.split("?")[0]}`];
      if (!answer) {
        return jsonResponse(404, { type: "/problems/not_found", title: "Not found", status: 404, detail: `no mock for ${method} ${url}` });
      }
      const { status = 200, body } = typeof answer === "function" ? answer(init) : answer;
      return jsonResponse(status, body);
    }),
  );
  return calls;
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json" },
  });
}

export function problem(status: number, detail: string, errors: { field: string; message: string }[] = []) {
  return { status, body: { type: "/problems/x", title: "The request is not valid", status, detail, errors } };
}
