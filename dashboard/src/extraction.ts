// LLM extraction (api/extractions.py): its requests and JSON.
import { query, request } from "./api";
import type { Job, JobStatus } from "./types";

export interface ExtractionSchema {
  name: string;
  version: number;
  builtin: boolean;
  description: string | null;
  json_schema: Record<string, unknown>;
}

export interface ExtractionProvider {
  name: string;
  model: string;
}

export interface Extraction {
  id: string;
  status: JobStatus;
  schema: string;
  schema_version: number | null;
  provider: string;
  model: string | null;
  prompt_version: string | null;
  result: Record<string, unknown> | null;
  usage: { prompt_tokens: number; completion_tokens: number } | null;
  latency_ms: number | null;
  reasks: number | null;
  retries: number | null;
  saved: Record<string, number[]> | null;
  error: { code: string; message: string } | null;
  created_at: string;
  finished_at: string | null;
}

export interface ProviderSummary {
  model: string | null;
  texts: number;
  valid: number;
  valid_rate: number | null;
  errors: Record<string, number>;
  field_accuracy: Record<string, number>;
  mean_field_accuracy: number | null;
  exact_match_rate: number | null;
  retries: number;
  reasks: number;
  latency_ms: { p50: number | null; p95: number | null };
  tokens: { prompt: number; completion: number };
  cost_usd: number | null;
}

/** An `llm.compare` report (ml/extraction/evaluation.py). */
export interface ComparisonReport {
  schema: string;
  prompt_version: string;
  texts: number;
  providers: Record<string, ProviderSummary>;
  agreement: {
    between: [string, string];
    texts_both_valid: number;
    field_agreement: Record<string, number>;
    mean_field_agreement: number | null;
    identical_rate: number | null;
  };
  outcomes?: { id: string; provider: string; valid: boolean; error: string | null }[];
}

/** The gold sets a comparison can run (data/extraction/<schema>.jsonl). */
export const GOLD_SETS = ["meal_log", "clinical_note"];

export function submitExtraction(body: { text: string; schema: string; provider: string }): Promise<Job> {
  return request<Job>("/extractions", { method: "POST", body });
}

export function submitComparison(body: { schema: string; providers: string[]; limit?: number }): Promise<Job> {
  return request<Job>("/extraction-comparisons", { method: "POST", body });
}

export const LATEST_COMPARISON = `/jobs${query({ kind: "llm.compare", status: "succeeded", limit: 1 })}`;

const INVALID_PREFIX = "the model's answer was invalid twice: ";

/** The validation errors of an `invalid_output` failure, one per entry. */
export function validationErrors(error: { code: string; message: string }): string[] {
  if (error.code !== "invalid_output") return [];
  const listed = error.message.startsWith(INVALID_PREFIX) ? error.message.slice(INVALID_PREFIX.length) : error.message;
  return listed.split("; ").filter(Boolean);
}

/** Every property name in a JSON Schema, each object's in its own order: the order to show a
 * result's fields in (the result comes back from a JSONB column, which does not keep it). */
export function fieldOrder(schema: unknown, found: string[] = []): string[] {
  if (Array.isArray(schema)) schema.forEach((item) => fieldOrder(item, found));
  else if (typeof schema === "object" && schema !== null) {
    for (const [key, value] of Object.entries(schema)) {
      if (key === "properties" && typeof value === "object" && value !== null) {
        found.push(...Object.keys(value).filter((name) => !found.includes(name)));
      }
      fieldOrder(value, found);
    }
  }
  return found;
}

/** The JSON, indented, its keys in `order` first (JSON.stringify writes a key list's order). */
export function orderedJson(value: unknown, order: string[]): string {
  const keys = new Set(order);
  const collect = (item: unknown): void => {
    if (Array.isArray(item)) item.forEach(collect);
    else if (typeof item === "object" && item !== null) {
      for (const [key, nested] of Object.entries(item)) {
        keys.add(key);
        collect(nested);
      }
    }
  };
  collect(value);
  return JSON.stringify(value, [...keys], 2);
}

/** Field paths (`items[].food`) in the schema's order, each segment ranked by `order`. */
export function orderedPaths(paths: string[], order: string[]): string[] {
  const rank = (segment: string) => (order.includes(segment) ? order.indexOf(segment) : order.length);
  const ranks = (path: string) => path.split(/\[\]\.?|\./).filter(Boolean).map(rank);
  return [...paths].sort((a, b) => {
    const [left, right] = [ranks(a), ranks(b)];
    for (let i = 0; i < Math.min(left.length, right.length); i++) if (left[i] !== right[i]) return left[i] - right[i];
    return left.length - right.length;
  });
}
