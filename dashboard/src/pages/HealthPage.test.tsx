import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";

import { mockApi, problem } from "../test/api";
import { job } from "../test/fixtures";
import type { HealthScore, PopulationScores } from "../types";
import HealthPage from "./HealthPage";

const POPULATION: PopulationScores = {
  job_id: "7a0c2b8e-0000-4000-8000-000000000001",
  as_of: "2026-12-02",
  window_days: 30,
  lab_window_days: 365,
  method_version: "1",
  users: 240,
  scored: 236,
  bands: { high: 180, moderate: 50, low: 6 },
  cohorts: [
    { age_band: "30-39", sex: "female", users: 28, scored: 28, mean: 90.2, median: 92.6, bands: { high: 24, moderate: 4, low: 0 } },
    { age_band: "60-69", sex: "male", users: 7, scored: 6, mean: 80.5, median: 77.7, bands: { high: 3, moderate: 2, low: 1 } },
  ],
  created_at: "2026-12-02T09:00:00Z",
  completed_at: "2026-12-02T09:00:09Z",
};

const SCORE: HealthScore = {
  user_id: 7,
  computed_at: "2026-12-02T09:01:00Z",
  job_id: null,
  status: "scored",
  score: 71,
  band: "moderate",
  percentile: 38.2,
  cohort: { age_band: "60-69", sex: "male", used: "60-69/male", compared_with: 143 },
  components: {
    activity: { score: 60.1, percentile: 11.9, weight: 0.25 },
    sleep: { score: 100, percentile: null, weight: 0.25 },
  },
  missing: [{ component: "body", reason: "no weight (or no height) for a BMI in the last 365 days" }],
  coverage: { components: 4, of: 5 },
  factors: { raising: ["7.4 hours of sleep a night is in the healthy range"], lowering: ["A blood pressure of 145/92 mmHg is above the healthy range"] },
  method_version: "1",
  window: { from: "2026-11-01", to: "2026-11-30" },
};

beforeEach(() => sessionStorage.setItem("pulsetrack.apiKey", "pt_test"));

describe("the health page", () => {
  it("shows the population's distribution by band and by cohort", async () => {
    mockApi({ "GET /health-scores": { body: POPULATION } });
    render(<HealthPage rest={[]} />);

    const population = await screen.findByTestId("population");
    expect(population).toHaveTextContent("240users");
    expect(population).toHaveTextContent("236scored");
    const bands = within(population).getByRole("figure", { name: "scores by band" });
    expect(bands.querySelectorAll(".recharts-bar-rectangle")).toHaveLength(3);
    expect(bands).toHaveTextContent("180");
    const cohorts = within(population).getByRole("figure", { name: "scores by cohort and band" });
    expect(cohorts).toHaveTextContent("30-39 female");
    const row = within(population).getByRole("row", { name: /60-69 male/ });
    expect(row).toHaveTextContent("60-69 male7680.577.7");
  });

  it("says the population is not scored yet, recomputes it and follows the job", async () => {
    let finished = false;
    mockApi({
      "GET /health-scores": () => (finished ? { body: POPULATION } : problem(404, "the population has not been scored yet")),
      "POST /health-scores/recompute": { status: 202, body: job({ kind: "health.score_population", status: "queued" }) },
      [`GET /jobs/${job().id}`]: () => {
        finished = true;
        return { body: job({ kind: "health.score_population", status: "succeeded", progress: { fraction: 1, message: "6 of 6 parts done" } }) };
      },
    });
    render(<HealthPage rest={[]} />);
    expect(await screen.findByText(/has not been scored yet/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Recompute every score" }));

    expect(await screen.findByText("6 of 6 parts done")).toBeInTheDocument();
    expect(await screen.findByTestId("population")).toHaveTextContent("240users");
  });

  it("explains one user's score: components, percentiles, factors and what is missing", async () => {
    mockApi({ "GET /health-scores": { body: POPULATION }, "GET /users/7/health-score": { body: SCORE } });
    render(<HealthPage rest={[]} />);

    await userEvent.type(screen.getByLabelText("User id"), "7");
    await userEvent.click(screen.getByRole("button", { name: "Show latest score" }));

    const score = await screen.findByTestId("user-score");
    expect(score).toHaveTextContent("71.0score (0-100)");
    expect(score).toHaveTextContent("38.2 %percentile in cohort");
    expect(within(score).getByRole("row", { name: /activity/ })).toHaveTextContent("activity60.111.9 %0.25");
    expect(within(score).getByRole("row", { name: /sleep/ })).toHaveTextContent("sleep100.0–0.25");
    expect(score).toHaveTextContent("7.4 hours of sleep a night");
    expect(score).toHaveTextContent("A blood pressure of 145/92 mmHg");
    expect(score).toHaveTextContent("body: no weight");
  });

  it("shows the API's errors next to the user id and the date", async () => {
    mockApi({
      "GET /health-scores": { body: POPULATION },
      "POST /users/7/health-score": problem(422, "as_of: must be between 1900 and today", [{ field: "as_of", message: "must be between 1900 and today" }]),
      "GET /users/7/health-score": problem(404, "no health score for user 7 yet"),
      "GET /users/12345/health-score": { status: 404, body: { type: "/problems/user_not_found", title: "Resource not found", status: 404, detail: "no user with id 12345" } },
    });
    render(<HealthPage rest={[]} />);

    await userEvent.type(screen.getByLabelText("User id"), "7");
    await userEvent.type(screen.getByLabelText("As of (to score)"), "2099-01-01");
    await userEvent.click(screen.getByRole("button", { name: "Score now" }));
    expect(await screen.findByText("must be between 1900 and today")).toHaveAttribute("id", "as-of-error");
    expect(screen.getByLabelText("As of (to score)")).toHaveAttribute("aria-invalid", "true");

    await userEvent.clear(screen.getByLabelText("User id"));
    await userEvent.type(screen.getByLabelText("User id"), "12345");
    await userEvent.click(screen.getByRole("button", { name: "Show latest score" }));
    expect(await screen.findByText("no user with id 12345")).toHaveAttribute("id", "user-id-error");
  });
});
