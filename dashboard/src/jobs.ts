import { useEffect, useState } from "react";

import { request } from "./api";
import { useApi } from "./hooks";
import { TERMINAL, type Job } from "./types";

export function isTerminal(job: Job | undefined): boolean {
  return job !== undefined && TERMINAL.includes(job.status);
}

/** One job, polled every second until it ends. */
export function useJob(jobId: string | null) {
  const [finished, setFinished] = useState(false);
  const loaded = useApi<Job>(jobId ? `/jobs/${jobId}` : null, { poll: !finished });
  const terminal = isTerminal(loaded.data);
  useEffect(() => setFinished(terminal), [terminal]);
  useEffect(() => setFinished(false), [jobId]);
  return loaded;
}

export function cancelJob(jobId: string): Promise<Job> {
  return request<Job>(`/jobs/${jobId}/cancel`, { method: "POST" });
}

export function submitJob(kind: string, params: Record<string, unknown>): Promise<Job> {
  return request<Job>("/jobs", { method: "POST", body: { kind, params } });
}
