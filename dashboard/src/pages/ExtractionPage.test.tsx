import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";

import type { ComparisonReport, Extraction, ProviderSummary } from "../extraction";
import { mockApi, problem } from "../test/api";
import { job } from "../test/fixtures";
import ExtractionPage from "./ExtractionPage";

const MEAL_SCHEMA = {
  $defs: { MealItem: { properties: { food: {}, quantity: {}, unit: {}, calories: {} } } },
  properties: { meal_type: {}, meal_time: {}, items: { type: "array", items: { $ref: "#/$defs/MealItem" } }, total_calories: {} },
};
const SCHEMAS = {
  items: [
    { name: "meal_log", version: 1, builtin: true, description: "A meal diary entry.", json_schema: MEAL_SCHEMA },
    { name: "clinical_note", version: 1, builtin: true, description: "A clinical note.", json_schema: {} },
    { name: "generic_fields", version: 2, builtin: false, description: null, json_schema: {} },
  ],
};
const PROVIDERS = { items: [{ name: "openai", model: "gpt-4o-mini" }, { name: "gemini", model: "gemini-2.0-flash" }] };
const EXTRACT_JOB = job({ id: "e0000000-0000-4000-8000-000000000001", kind: "llm.extract", status: "queued" });
const COMPARE_JOB = job({ id: "c0000000-0000-4000-8000-000000000001", kind: "llm.compare", status: "succeeded", finished_at: "2026-12-02T10:00:00Z" });

const MEAL = {
  meal_type: "lunch",
  meal_time: "12:30",
  items: [
    { food: "turkey sandwich", quantity: 1, unit: null, calories: 450 },
    { food: "apple", quantity: 1, unit: null, calories: 95 },
  ],
  total_calories: 545,
};
// As the API answers it: keys in JSONB's order (shorter first), not the schema's.
const STORED_MEAL = {
  items: [
    { food: "turkey sandwich", unit: null, calories: 450, quantity: 1 },
    { food: "apple", unit: null, calories: 95, quantity: 1 },
  ],
  meal_time: "12:30",
  meal_type: "lunch",
  total_calories: 545,
};

function extraction(fields: Partial<Extraction>): Extraction {
  return {
    id: EXTRACT_JOB.id,
    status: "succeeded",
    schema: "meal_log",
    schema_version: 1,
    provider: "openai",
    model: "gpt-4o-mini-2024-07-18",
    prompt_version: "extract-v1",
    result: STORED_MEAL,
    usage: { prompt_tokens: 1012, completion_tokens: 61 },
    latency_ms: 912.4,
    reasks: 0,
    retries: 1,
    saved: null,
    error: null,
    created_at: "2026-12-02T09:00:00Z",
    finished_at: "2026-12-02T09:00:01Z",
    ...fields,
  };
}

function summary(model: string, valid: number, accuracy: number): ProviderSummary {
  return {
    model,
    texts: 8,
    valid,
    valid_rate: valid / 8,
    errors: (valid < 8 ? { invalid_output: 8 - valid } : {}) as Record<string, number>,
    field_accuracy: { "items[].unit": accuracy, meal_type: accuracy, "items[].food": accuracy / 2 },
    mean_field_accuracy: accuracy * 0.75,
    exact_match_rate: 0.125,
    retries: 2,
    reasks: 8 - valid,
    latency_ms: { p50: 812.3, p95: 1540.9 },
    tokens: { prompt: 9120, completion: 488 },
    cost_usd: 0.001661,
  };
}

const REPORT: ComparisonReport = {
  schema: "meal_log",
  prompt_version: "extract-v1",
  texts: 8,
  providers: { gemini: summary("gemini-2.0-flash", 6, 0.5), openai: summary("gpt-4o-mini", 8, 0.9) },
  agreement: {
    between: ["openai", "gemini"],
    texts_both_valid: 6,
    field_agreement: { "items[].unit": 1, meal_type: 1, "items[].food": 0.75 },
    mean_field_agreement: 0.875,
    identical_rate: 0.5,
  },
  outcomes: [
    { id: "meal_log-001", provider: "gemini", valid: false, error: "invalid_output" },
    { id: "meal_log-000", provider: "openai", valid: true, error: null },
    { id: "meal_log-001", provider: "openai", valid: true, error: null },
    { id: "meal_log-000", provider: "gemini", valid: true, error: null },
  ],
};

// Extraction, schemas and providers, and no comparison yet, unless a test says otherwise.
function api(routes: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    "GET /extraction-schemas": { body: SCHEMAS },
    "GET /extraction-providers": { body: PROVIDERS },
    "GET /jobs": { body: { items: [], next_cursor: null } },
    ...routes,
  });
}

beforeEach(() => sessionStorage.setItem("pulsetrack.apiKey", "pt_test"));

describe("the extraction page", () => {
  it("offers the schemas and only the providers configured on the server", async () => {
    api();
    render(<ExtractionPage rest={[]} />);

    const schema = screen.getByLabelText("Schema");
    expect(await within(schema).findByRole("option", { name: "generic_fields v2 (yours)" })).toBeInTheDocument();
    expect(within(schema).getAllByRole("option").map((option) => option.textContent)).toEqual(["meal_log v1", "clinical_note v1", "generic_fields v2 (yours)"]);
    const provider = screen.getByLabelText("Provider");
    expect(await within(provider).findAllByRole("option")).toHaveLength(2);
    expect(provider).toHaveValue("openai");
    expect(within(provider).getByRole("option", { name: "gemini (gemini-2.0-flash)" })).toBeInTheDocument();
  });

  it("extracts a text, follows the job and shows the validated JSON with how it was made", async () => {
    let finished = false;
    const calls = api({
      "POST /extractions": { status: 202, body: EXTRACT_JOB },
      [`GET /jobs/${EXTRACT_JOB.id}`]: () => {
        finished = true;
        return { body: { ...EXTRACT_JOB, status: "succeeded", progress: { fraction: 1, message: null } } };
      },
      [`GET /extractions/${EXTRACT_JOB.id}`]: () => ({ body: finished ? extraction({}) : extraction({ status: "queued", result: null }) }),
    });
    render(<ExtractionPage rest={[]} />);
    await within(screen.getByLabelText("Provider")).findByRole("option", { name: "gemini (gemini-2.0-flash)" });

    await userEvent.type(screen.getByLabelText("Text"), "lunch at 12:30: a turkey sandwich and an apple");
    await userEvent.selectOptions(screen.getByLabelText("Provider"), "gemini");
    await userEvent.click(screen.getByRole("button", { name: "Extract" }));

    const shown = await screen.findByTestId("extraction-result");
    const sent = calls.find((call) => call.method === "POST");
    expect(JSON.parse(String(sent?.init?.body))).toEqual({ text: "lunch at 12:30: a turkey sandwich and an apple", schema: "meal_log", provider: "gemini" });
    expect(shown).toHaveTextContent("Modelgpt-4o-mini-2024-07-18");
    expect(shown).toHaveTextContent("Promptextract-v1");
    expect(shown).toHaveTextContent("Tokens1,012 in, 61 out");
    expect(shown).toHaveTextContent("Latency912 ms");
    expect(within(shown).getAllByRole("term").map((term) => term.textContent).slice(-3)).toEqual(["meal type", "meal time", "total calories"]);
    const items = within(shown).getByRole("table", { name: "items" });
    expect(within(items).getAllByRole("row").map((row) => row.textContent)).toEqual(["foodquantityunitcalories", "turkey sandwich1–450", "apple1–95"]);
    expect(screen.getByTestId("raw-json").textContent).toBe(JSON.stringify(MEAL, null, 2));
  });

  it("shows the validation errors of an answer that stayed invalid", async () => {
    const message = "the model's answer was invalid twice: meal_time: String should match pattern '^\\d{2}:\\d{2}$'; items.0.calories: Input should be less than or equal to 5000";
    api({
      "POST /extractions": { status: 202, body: EXTRACT_JOB },
      [`GET /jobs/${EXTRACT_JOB.id}`]: { body: { ...EXTRACT_JOB, status: "failed", error: { code: "invalid_output", message } } },
      [`GET /extractions/${EXTRACT_JOB.id}`]: {
        body: extraction({ status: "failed", model: null, result: null, usage: null, error: { code: "invalid_output", message } }),
      },
    });
    render(<ExtractionPage rest={[]} />);
    await within(screen.getByLabelText("Provider")).findByRole("option", { name: "openai (gpt-4o-mini)" });

    await userEvent.type(screen.getByLabelText("Text"), "lunch at half past noon");
    await userEvent.click(screen.getByRole("button", { name: "Extract" }));

    const failure = await screen.findByTestId("extraction-error");
    expect(failure).toHaveTextContent("failed · invalid_output");
    expect(within(failure).getAllByRole("listitem").map((item) => item.textContent)).toEqual([
      "meal_time: String should match pattern '^\\d{2}:\\d{2}$'",
      "items.0.calories: Input should be less than or equal to 5000",
    ]);
    expect(screen.queryByTestId("extraction-result")).not.toBeInTheDocument();
  });

  it("shows the API's field errors next to their fields", async () => {
    api({
      "POST /extractions": problem(422, "text: String should have at least 1 character", [{ field: "text", message: "String should have at least 1 character" }]),
    });
    render(<ExtractionPage rest={[]} />);
    await within(screen.getByLabelText("Provider")).findByRole("option", { name: "openai (gpt-4o-mini)" });

    await userEvent.click(screen.getByRole("button", { name: "Extract" }));

    expect(await screen.findByText("String should have at least 1 character")).toHaveAttribute("id", "extract-text-error");
    expect(screen.getByLabelText("Text")).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByRole("alert", { name: /422/ })).not.toBeInTheDocument();
  });

  it("says so when no provider is configured", async () => {
    api({ "GET /extraction-providers": { body: { items: [] } } });
    render(<ExtractionPage rest={[]} />);

    expect(await screen.findAllByText(/No provider is configured on this server/)).toHaveLength(2);
    expect(screen.getByRole("button", { name: "Extract" })).toBeDisabled();
  });

  it("renders the latest comparison report as tables", async () => {
    const calls = api({
      "GET /jobs": { body: { items: [COMPARE_JOB], next_cursor: null } },
      [`GET /extraction-comparisons/${COMPARE_JOB.id}`]: { body: REPORT },
    });
    render(<ExtractionPage rest={[]} />);

    const report = await screen.findByTestId("comparison-report");
    expect(calls.some((call) => call.url === "/jobs?kind=llm.compare&status=succeeded&limit=1")).toBe(true);
    const summaryTable = within(report).getByRole("table", { name: "summary" });
    expect(within(summaryTable).getByRole("row", { name: /^valid output/ })).toHaveTextContent("valid output8 / 8 (100.0 %)6 / 8 (75.0 %)");
    expect(within(summaryTable).getByRole("row", { name: /latency/ })).toHaveTextContent("812 / 1541 ms");
    expect(within(summaryTable).getByRole("row", { name: /failures/ })).toHaveTextContent("failuresnoneinvalid output 2");
    const fields = within(report).getByRole("table", { name: "accuracy per field" });
    expect(within(fields).getByRole("row", { name: /items\[\]\.food/ })).toHaveTextContent("items[].food45.0 %25.0 %75.0 %");
    // In the schema's order, and the providers in the order compared, whatever the JSON's order.
    expect(within(fields).getAllByRole("row").map((row) => row.firstChild?.textContent)).toEqual(["Field", "meal_type", "items[].food", "items[].unit"]);
    expect(within(summaryTable).getAllByRole("columnheader").map((cell) => cell.textContent)).toEqual(["", "openai", "gemini"]);
    expect(screen.getByTestId("agreement")).toHaveTextContent("openai and gemini both gave valid output for 6 texts; on those, their fields agree 87.5 % of the time");
    const texts = within(report).getByRole("table", { name: "each text" });
    expect(within(texts).getAllByRole("row").map((row) => row.textContent)).toEqual(["Textopenaigemini", "meal_log-000validvalid", "meal_log-001validinvalid output"]);
  });

  it("starts a comparison, follows it, and shows its report when it ends", async () => {
    let finished = false;
    const calls = api({
      "GET /jobs": () => ({ body: { items: finished ? [COMPARE_JOB] : [], next_cursor: null } }),
      "POST /extraction-comparisons": { status: 202, body: { ...COMPARE_JOB, status: "queued" } },
      [`GET /jobs/${COMPARE_JOB.id}`]: () => {
        finished = true;
        return { body: { ...COMPARE_JOB, progress: { fraction: 1, message: "1 of 1 parts done" } } };
      },
      [`GET /extraction-comparisons/${COMPARE_JOB.id}`]: { body: REPORT },
    });
    render(<ExtractionPage rest={[]} />);
    expect(await screen.findByText(/No comparison has finished yet/)).toBeInTheDocument();
    await screen.findAllByRole("option", { name: "gemini (gemini-2.0-flash)" });

    await userEvent.selectOptions(screen.getByLabelText("Gold set"), "clinical_note");
    await userEvent.clear(screen.getByLabelText("Texts (the first N)"));
    await userEvent.type(screen.getByLabelText("Texts (the first N)"), "4");
    await userEvent.click(screen.getByRole("button", { name: "Run comparison" }));

    expect(await screen.findByText("1 of 1 parts done")).toBeInTheDocument();
    expect(await screen.findByTestId("comparison-report")).toBeInTheDocument();
    const sent = calls.find((call) => call.method === "POST");
    expect(JSON.parse(String(sent?.init?.body))).toEqual({ schema: "clinical_note", providers: ["openai", "gemini"], limit: 4 });
  });

  it("shows a refused comparison's errors next to the providers", async () => {
    api({
      "POST /extraction-comparisons": problem(422, "body: compare two different providers", [{ field: "body", message: "compare two different providers" }]),
    });
    render(<ExtractionPage rest={[]} />);
    await screen.findAllByRole("option", { name: "gemini (gemini-2.0-flash)" });

    await userEvent.selectOptions(screen.getByLabelText("Second provider"), "openai");
    await userEvent.click(screen.getByRole("button", { name: "Run comparison" }));

    expect(await screen.findByText("compare two different providers")).toHaveAttribute("id", "compare-providers-error");
    expect(screen.getByLabelText("Second provider")).toHaveAttribute("aria-invalid", "true");
  });
});
