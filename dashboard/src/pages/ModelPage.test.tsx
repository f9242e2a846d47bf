import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";

import type { Metrics } from "../delivery";
import { mockApi, problem } from "../test/api";
import { modelVersion } from "../test/delivery";
import { job } from "../test/fixtures";
import ModelPage from "./ModelPage";

beforeEach(() => sessionStorage.setItem("pulsetrack.apiKey", "pt_test"));

const METRICS: Metrics = {
  model_version: 2,
  model_kind: "lightgbm",
  precision: 0.8123,
  recall: 0.9011,
  roc_auc: 0.8345,
  pr_auc: 0.9,
  brier: 0.1234,
  expected_calibration_error: 0.0123,
  reliability: [
    { bin: "0.1-0.2", count: 120, mean_predicted: 0.15, observed_rate: 0.13 },
    { bin: "0.5-0.6", count: 300, mean_predicted: 0.55, observed_rate: 0.57 },
    { bin: "0.9-1.0", count: 900, mean_predicted: 0.94, observed_rate: 0.95 },
  ],
  holdout: { rows: 12000, threshold: 0.5, data_range: { holdout_from: "2026-11-20T00:00:00Z", holdout_to: "2026-11-22T00:00:00Z" } },
  live: {
    computed_at: "2026-12-02T09:00:00Z",
    window_from: "2026-12-02T08:00:00Z",
    window_to: "2026-12-02T09:00:00Z",
    metrics: { precision: 0.8, recall: 0.85, roc_auc: 0.81, rows: 5000 },
    drift_psi: { payload_size: 0.31, channel: 0.02, provider: 0.12 },
    alerts: [{ feature: "payload_size", psi: 0.31, level: "alert" }],
  },
};
const MODELS = {
  items: [
    modelVersion({ version: 4, kind: "lightgbm", is_active: true, source: "training" }),
    modelVersion({ version: 3, kind: "logistic", is_active: false, source: "training" }),
    modelVersion({ version: 2, kind: "lightgbm", is_active: false }),
  ],
};
const TRAINING = job({ id: "6f1c2b8e-0000-4000-8000-0000000000bb", kind: "delivery.train", status: "queued", progress: { fraction: 0, message: null } });

const TRAINED = {
  ...TRAINING,
  status: "succeeded" as const,
  progress: { fraction: 1, message: null },
  result: {
    rows: { train: 2100, calibration: 450, holdout: 450 },
    holdout_metrics: { logistic: { roc_auc: 0.81 }, lightgbm: { roc_auc: 0.8444 } },
    best: "lightgbm",
    promoted: true,
    active_version_before: 2,
  },
};

describe("the model page", () => {
  it("shows the active version's metrics, the calibration curve and the drift per feature", async () => {
    mockApi({ "GET /metrics": { body: METRICS }, "GET /models": { body: MODELS } });
    const { container } = render(<ModelPage rest={[]} />);

    const active = await screen.findByTestId("active-model");
    expect(within(active).getByText("v2")).toBeInTheDocument();
    expect(within(active).getByText("0.812")).toBeInTheDocument();
    expect(within(active).getByText("0.901")).toBeInTheDocument();
    expect(within(active).getByText("0.835")).toBeInTheDocument();
    expect(within(active).getByText("5,000")).toBeInTheDocument();
    expect(screen.getByRole("figure", { name: "calibration curve" })).toBeInTheDocument();
    expect(container.querySelector("figure[aria-label='calibration curve'] .recharts-line-curve")).not.toBeNull();
    const drift = screen.getByRole("table", { name: "drift per feature" });
    const rows = within(drift).getAllByRole("row");
    expect(within(rows[1]).getByText("payload_size")).toBeInTheDocument();
    expect(within(rows[1]).getByText("shifted")).toBeInTheDocument();
    expect(within(rows[2]).getByText("drifting")).toBeInTheDocument();
    expect(within(rows[3]).getByText("stable")).toBeInTheDocument();
    expect(container.querySelectorAll("figure[aria-label='feature drift (PSI)'] .recharts-bar-rectangle")).toHaveLength(3);
  });

  it("lists the versions and rolls back to an earlier one", async () => {
    let active = 4;
    const calls = mockApi({
      "GET /metrics": () => ({ body: { ...METRICS, model_version: active } }),
      "GET /models": () => ({ body: { items: MODELS.items.map((model) => ({ ...model, is_active: model.version === active })) } }),
      "POST /models/2/activate": () => {
        active = 2;
        return { body: modelVersion({ version: 2 }) };
      },
    });
    render(<ModelPage rest={[]} />);

    const history = await screen.findByRole("region", { name: "Version history" });
    await userEvent.click(await within(history).findByRole("button", { name: "Roll back to v2" }));

    expect(calls.some((call) => call.method === "POST" && call.url === "/models/2/activate")).toBe(true);
    expect(await within(history).findByRole("button", { name: "Activate v4" })).toBeInTheDocument();
    expect(within(history).getByText("active").closest("tr")).toHaveAttribute("data-version", "2");
  });

  it("says clearly when the key may not activate a version", async () => {
    mockApi({
      "GET /metrics": { body: METRICS },
      "GET /models": { body: MODELS },
      "POST /models/3/activate": problem(403, "the API key lacks the 'admin' scope"),
    });
    render(<ModelPage rest={[]} />);

    await userEvent.click(await screen.findByRole("button", { name: "Roll back to v3" }));

    const error = await screen.findByTestId("activate-error");
    expect(within(error).getByText(/^403/)).toBeInTheDocument();
    expect(within(error).getByText("the API key lacks the 'admin' scope")).toBeInTheDocument();
    expect(within(error).getByTestId("forbidden")).toHaveTextContent("needs the admin scope");
  });

  it("starts training and follows the job to its end", async () => {
    let polls = 0;
    const calls = mockApi({
      "GET /metrics": { body: METRICS },
      "GET /models": { body: MODELS },
      "POST /train": { status: 202, body: TRAINING },
      [`GET /jobs/${TRAINING.id}`]: () => {
        polls += 1;
        return { body: polls < 2 ? TRAINING : TRAINED };
      },
    });
    render(<ModelPage rest={[]} />);
    const training = await screen.findByRole("region", { name: "Training" });

    await userEvent.clear(within(training).getByLabelText("Days of logs"));
    await userEvent.type(within(training).getByLabelText("Days of logs"), "14");
    await userEvent.click(within(training).getByRole("button", { name: "Train" }));

    const summary = await within(training).findByTestId("job-summary");
    expect(JSON.parse(String(calls.find((call) => call.url === "/train")!.init!.body))).toEqual({ days: 14 });
    await expect.poll(() => summary.getAttribute("data-status") ?? within(training).getByTestId("job-summary").getAttribute("data-status"), { timeout: 4000 }).toBe("succeeded");
    await expect.poll(() => calls.filter((call) => call.url === "/models").length).toBeGreaterThan(1);
    expect(await within(training).findByTestId("training-outcome")).toHaveTextContent(
      "Trained on 2,100 attempts, tested on 450. Best: lightgbm (holdout ROC-AUC 0.844). Promoted: it is now the active model.",
    );
  });

  it("shows a refused number of days next to its field", async () => {
    mockApi({
      "GET /metrics": { body: METRICS },
      "GET /models": { body: MODELS },
      "POST /train": problem(422, "days: not valid", [{ field: "days", message: "Input should be less than or equal to 365" }]),
    });
    render(<ModelPage rest={[]} />);
    const training = await screen.findByRole("region", { name: "Training" });

    await userEvent.clear(within(training).getByLabelText("Days of logs"));
    await userEvent.type(within(training).getByLabelText("Days of logs"), "999");
    await userEvent.click(within(training).getByRole("button", { name: "Train" }));

    expect(await within(training).findByText("Input should be less than or equal to 365")).toHaveAttribute("id", "train-days-error");
  });

  it("says when there is no monitoring report yet, and when the metrics cannot be loaded", async () => {
    mockApi({ "GET /metrics": { body: { ...METRICS, live: null } }, "GET /models": problem(503, "the database is unreachable; retry later") });
    render(<ModelPage rest={[]} />);

    expect(await screen.findByText(/No monitoring report for v2 yet/)).toBeInTheDocument();
    expect(await screen.findByText("the database is unreachable; retry later")).toBeInTheDocument();
  });
});
