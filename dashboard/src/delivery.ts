// Delivery prediction: the requests, the shapes the API answers with (api/delivery.py), and the
// notification form's vocabularies (as domain/delivery/schemas.py validates them).
import { request } from "./api";
import type { Job } from "./types";

export const CHANNELS = ["email", "sms", "push"] as const;
export const PROVIDERS: Record<string, string[]> = {
  email: ["sendgrid", "ses", "mailgun"],
  sms: ["twilio", "vonage"],
  push: ["fcm", "apns"],
};
export const BUSINESS_PRIORITIES = ["critical", "high", "normal", "low"];
export const LAST_STATUSES = ["none", "delivered", "soft_bounce", "throttled", "timeout", "provider_error", "rejected"];
export const PRIORITY_CLASSES = ["high", "normal", "low"];

export interface RetryStrategy {
  next_delay_s: number | null;
  first_delay_s: number;
  backoff: number;
  max_delay_s: number;
  max_attempts: number;
  ttl_s: number;
}

export interface Prediction {
  probability: number;
  model_version: number;
  model_kind: string;
  priority_class: string;
  retry: RetryStrategy;
  fallback: string | null;
  policy_version: string;
  reason: string;
}

export interface StoredPrediction {
  id: number;
  notification_id: number;
  channel: string;
  provider: string;
  recipient_country: string;
  template_type: string;
  business_priority: string;
  model_version: number;
  probability: number;
  priority_class: string;
  next_attempt: number;
  job_id: string | null;
  predicted_at: string;
  outcome: { delivered: boolean; status: string; response_code: number; attempted_at: string } | null;
}

export interface PredictionPage {
  items: StoredPrediction[];
  next_cursor: string | null;
}

export interface ReliabilityBin {
  bin: string;
  mean_predicted: number | null;
  observed_rate: number | null;
  count: number;
}

export interface Metrics {
  model_version: number;
  model_kind: string;
  precision: number | null;
  recall: number | null;
  roc_auc: number | null;
  pr_auc: number | null;
  brier: number | null;
  expected_calibration_error: number | null;
  reliability: ReliabilityBin[];
  holdout: Record<string, unknown>;
  live: {
    computed_at: string;
    window_from: string;
    window_to: string;
    metrics: Record<string, number | null>;
    drift_psi: Record<string, number>;
    alerts: { feature?: string; metric?: string; psi?: number; level: string }[];
  } | null;
}

export interface ModelVersion {
  version: number;
  kind: string;
  is_active: boolean;
  source: string;
  features: string[];
  metrics: Record<string, unknown>;
  training: Record<string, unknown>;
  created_at: string;
  activated_at: string | null;
  job_id: string | null;
}

export function predict(payload: unknown): Promise<Prediction> {
  return request<Prediction>("/predict", { method: "POST", body: payload });
}

export function activateModel(version: number): Promise<ModelVersion> {
  return request<ModelVersion>(`/models/${version}/activate`, { method: "POST" });
}

export function startTraining(days: number | string): Promise<Job> {
  return request<Job>("/train", { method: "POST", body: { days } });
}

// PSI thresholds of ml/delivery/drift.py: below 0.1 stable, up to 0.25 drifting, above shifted.
export const PSI_WARN = 0.1;
export const PSI_ALERT = 0.25;

export function driftLevel(psi: number): "stable" | "drifting" | "shifted" {
  return psi > PSI_ALERT ? "shifted" : psi > PSI_WARN ? "drifting" : "stable";
}

/** The delay before each later retry should every attempt fail: the policy's backoff from the
 * channel's first delay, capped (the next one is the API's, which also weighs the probability). */
export function laterDelays(retry: RetryStrategy, nextAttempt: number): number[] {
  const delays: number[] = [];
  for (let attempt = nextAttempt + 1; attempt < retry.max_attempts; attempt++) {
    delays.push(Math.min(retry.first_delay_s * retry.backoff ** (attempt - 1), retry.max_delay_s));
  }
  return delays;
}

export function seconds(value: number | null | undefined): string {
  if (value === null || value === undefined) return "–";
  if (value < 120) return `${Math.round(value * 10) / 10} s`;
  if (value < 7200) return `${Math.round(value / 6) / 10} min`;
  return `${Math.round(value / 360) / 10} h`;
}
