import { request } from "./api";
import type { Job } from "./types";

export function recomputePopulation(): Promise<Job> {
  return request<Job>("/health-scores/recompute", { method: "POST" });
}

export function scoreUser(userId: string, asOf: string): Promise<Job> {
  const body = asOf ? { as_of: asOf } : undefined;
  return request<Job>(`/users/${encodeURIComponent(userId)}/health-score`, { method: "POST", body });
}

export function userScorePath(userId: string): string {
  return `/users/${encodeURIComponent(userId)}/health-score`;
}
