import type { Job } from "../types";

export function job(fields: Partial<Job> = {}): Job {
  return {
    id: "6f1c2b8e-0000-4000-8000-000000000001",
    kind: "system.echo",
    status: "running",
    progress: { fraction: 0.4, message: "step 2 of 5" },
    params: { message: "hello" },
    result: null,
    error: null,
    parts: null,
    attempts: 1,
    cancel_requested: false,
    webhook_url: null,
    created_at: "2026-12-02T09:00:00Z",
    started_at: "2026-12-02T09:00:01Z",
    finished_at: null,
    ...fields,
  };
}
