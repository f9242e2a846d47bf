// Delivery API answers for the delivery pages' tests.
import type { ModelVersion, Prediction, StoredPrediction } from "../delivery";

export function prediction(fields: Partial<Prediction> = {}): Prediction {
  return {
    probability: 0.8123,
    model_version: 2,
    model_kind: "lightgbm",
    priority_class: "high",
    retry: { next_delay_s: 30, first_delay_s: 30, backoff: 3, max_delay_s: 3600, max_attempts: 5, ttl_s: 14400 },
    fallback: null,
    policy_version: "v1",
    reason: "retry on the channel's backoff",
    ...fields,
  };
}

export function storedPrediction(fields: Partial<StoredPrediction> = {}): StoredPrediction {
  return {
    id: 7,
    notification_id: 41,
    channel: "sms",
    provider: "twilio",
    recipient_country: "NG",
    template_type: "otp",
    business_priority: "high",
    model_version: 2,
    probability: 0.42,
    priority_class: "high",
    next_attempt: 1,
    job_id: "6f1c2b8e-0000-4000-8000-0000000000aa",
    predicted_at: "2026-12-02T09:00:00Z",
    outcome: null,
    ...fields,
  };
}

export function modelVersion(fields: Partial<ModelVersion> = {}): ModelVersion {
  return {
    version: 2,
    kind: "lightgbm",
    is_active: true,
    source: "bootstrap",
    features: ["channel"],
    metrics: { roc_auc: 0.8312, brier: 0.1234 },
    training: {},
    created_at: "2026-12-01T09:00:00Z",
    activated_at: "2026-12-01T09:00:00Z",
    job_id: null,
    ...fields,
  };
}
