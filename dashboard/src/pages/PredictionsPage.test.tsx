import { fireEvent, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";

import { mockApi, problem } from "../test/api";
import { modelVersion, storedPrediction } from "../test/delivery";
import PredictionsPage from "./PredictionsPage";

beforeEach(() => sessionStorage.setItem("pulsetrack.apiKey", "pt_test"));

const DELIVERED = storedPrediction({
  id: 9,
  notification_id: 43,
  channel: "email",
  provider: "ses",
  probability: 0.9,
  priority_class: "normal",
  outcome: { delivered: true, status: "delivered", response_code: 250, attempted_at: "2026-12-02T09:01:00Z" },
});
const FAILED = storedPrediction({
  id: 8,
  notification_id: 42,
  outcome: { delivered: false, status: "timeout", response_code: 504, attempted_at: "2026-12-02T09:01:00Z" },
});
const MODELS = { body: { items: [modelVersion(), modelVersion({ version: 1, kind: "logistic", is_active: false })] } };

describe("the predictions page", () => {
  it("lists recent predictions with their outcomes when known", async () => {
    mockApi({ "GET /predictions": { body: { items: [DELIVERED, FAILED, storedPrediction()], next_cursor: null } }, "GET /models": MODELS });
    render(<PredictionsPage rest={[]} />);

    const rows = await screen.findAllByRole("row");
    expect(rows).toHaveLength(4);
    expect(within(rows[1]).getByText("#43 email")).toBeInTheDocument();
    expect(within(rows[1]).getByText("90.0 %")).toBeInTheDocument();
    expect(within(rows[1]).getByText("delivered")).toBeInTheDocument();
    expect(within(rows[2]).getByText("failed")).toBeInTheDocument();
    expect(within(rows[2]).getByText("timeout")).toBeInTheDocument();
    expect(within(rows[3]).getByText("pending")).toBeInTheDocument();
    expect(within(rows[3]).getByRole("link", { name: "6f1c2b8e" })).toHaveAttribute("href", "#/jobs/6f1c2b8e-0000-4000-8000-0000000000aa");
  });

  it("filters by channel, class, model version and outcome, and pages with the cursor", async () => {
    const calls = mockApi({
      "GET /predictions": { body: { items: [FAILED], next_cursor: "Y3Vyc29y" } },
      "GET /models": MODELS,
    });
    render(<PredictionsPage rest={[]} />);
    expect(await screen.findByText("#42 sms")).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText("Channel"), "sms");
    await userEvent.selectOptions(screen.getByLabelText("Priority class"), "high");
    await userEvent.selectOptions(await screen.findByLabelText("Model version"), "v1 (logistic)");
    await userEvent.selectOptions(screen.getByLabelText("Outcome"), "failed");
    await userEvent.click(screen.getByRole("button", { name: "Older" }));

    const last = new URL(calls.filter((call) => call.url.startsWith("/predictions")).at(-1)!.url, "http://x");
    expect(Object.fromEntries(last.searchParams)).toEqual({
      channel: "sms",
      priority_class: "high",
      model_version: "1",
      outcome: "failed",
      cursor: "Y3Vyc29y",
      limit: "25",
    });
    expect(screen.getByRole("button", { name: "Newer" })).toBeEnabled();
  });

  it("sends a time range and shows the API's error next to its field", async () => {
    // The form's local time is sent as the instant it is.
    const from = new Date("2026-12-02T08:00").toISOString();
    const calls = mockApi({
      "GET /predictions": { body: { items: [], next_cursor: null } },
      [`GET /predictions?from=${encodeURIComponent(from)}&limit=25`]: problem(422, "from: not valid", [{ field: "from", message: "Input should be a valid datetime" }]),
      "GET /models": MODELS,
    });
    render(<PredictionsPage rest={[]} />);
    expect(await screen.findByText(/No predictions stored yet/)).toBeInTheDocument();

    fireEvent.change(screen.getByLabelText("Predicted from"), { target: { value: "2026-12-02T08:00" } });

    expect(await screen.findByText("Input should be a valid datetime")).toHaveAttribute("id", "predictions-from-error");
    expect(screen.getByLabelText("Predicted from")).toHaveAttribute("aria-invalid", "true");
    expect(calls.some((call) => call.url.includes(encodeURIComponent(from)))).toBe(true);
  });

  it("says so when the predictions cannot be loaded", async () => {
    mockApi({ "GET /predictions": problem(503, "the database is unreachable; retry later"), "GET /models": MODELS });
    render(<PredictionsPage rest={[]} />);
    expect(await screen.findByText("the database is unreachable; retry later")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });
});
