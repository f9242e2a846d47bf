// The API's JSON, as documented in the README and api/*.py.

export type JobStatus = "queued" | "running" | "succeeded" | "failed" | "cancelled";
export const TERMINAL: JobStatus[] = ["succeeded", "failed", "cancelled"];

export interface Job {
  id: string;
  kind: string;
  status: JobStatus;
  progress: { fraction: number; message: string | null };
  params: Record<string, unknown>;
  result: Record<string, unknown> | null;
  error: { code: string; message: string } | null;
  parts: { total: number; done: number; failed: number } | null;
  attempts: number;
  cancel_requested: boolean;
  webhook_url: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface JobPage {
  items: Job[];
  next_cursor: string | null;
}

export interface JobPart {
  index: number;
  status: JobStatus;
  params: Record<string, unknown>;
  result: Record<string, unknown> | null;
  error: { code: string; message: string } | null;
  attempts: number;
  started_at: string | null;
  finished_at: string | null;
}

export interface JobPartPage {
  items: JobPart[];
  next_after: number | null;
}

export interface WebhookAttempt {
  attempt: number;
  attempted_at: string;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  next_attempt_at: string | null;
}

export interface WebhookEvent {
  id: string;
  type: string;
  url: string;
  status: string;
  attempts: WebhookAttempt[];
  next_attempt_at: string | null;
}

export type Band = "high" | "moderate" | "low";

export interface CohortScores {
  age_band: string;
  sex: string;
  users: number;
  scored: number;
  mean: number | null;
  median: number | null;
  bands: Record<string, number>;
}

export interface PopulationScores {
  job_id: string;
  as_of: string;
  window_days: number;
  lab_window_days: number;
  method_version: string;
  users: number;
  scored: number;
  bands: Record<string, number>;
  cohorts: CohortScores[];
  created_at: string;
  completed_at: string | null;
}

export interface HealthScore {
  user_id: number;
  computed_at: string;
  job_id: string | null;
  status: "scored" | "insufficient_data";
  score: number | null;
  band: Band | null;
  percentile: number | null;
  cohort: Record<string, unknown>;
  components: Record<string, Record<string, unknown>>;
  missing: Record<string, string>[];
  coverage: Record<string, number>;
  factors: Record<string, string[]> | null;
  method_version: string;
  window: Record<string, unknown>;
}

export interface RankedQuery {
  query: string;
  clicks: number;
  impressions: number;
  ctr: number;
  wilson_lower_bound: number;
}

export interface LowPerformer {
  query: string;
  clicks: number;
  impressions: number;
  ctr: number;
}

export interface SearchInsight {
  insight_date: string;
  average_ctr: number | null;
  mean_query_ctr: number | null;
  queries: number;
  total_clicks: number;
  total_impressions: number;
  top_queries: RankedQuery[];
  low_performance_queries: LowPerformer[];
  definitions_version: string;
  computed_at: string;
  job_id: string | null;
}
