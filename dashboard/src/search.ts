import { request } from "./api";
import type { Job } from "./types";

export function computeDay(day: string): Promise<Job> {
  return request<Job>(`/search-insights/${encodeURIComponent(day)}/run`, { method: "POST" });
}
