import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";

import { mockApi, problem } from "../test/api";
import { job } from "../test/fixtures";
import type { SearchInsight } from "../types";
import SearchPage from "./SearchPage";

function insight(day: string, fields: Partial<SearchInsight> = {}): SearchInsight {
  return {
    insight_date: day,
    average_ctr: 0.1075,
    mean_query_ctr: 0.1,
    queries: 1904,
    total_clicks: 6000,
    total_impressions: 55800,
    top_queries: [{ query: "cheap hand sanitizer", clicks: 80, impressions: 143, ctr: 0.5594, wilson_lower_bound: 0.4776 }],
    low_performance_queries: [{ query: "best scale coupon", clicks: 42, impressions: 1367, ctr: 0.0307 }],
    definitions_version: "1",
    computed_at: "2026-12-01T02:30:00Z",
    job_id: null,
    ...fields,
  };
}

beforeEach(() => sessionStorage.setItem("pulsetrack.apiKey", "pt_test"));

describe("the search insights page", () => {
  it("charts the period and shows the latest day's top and low-performing queries", async () => {
    const calls = mockApi({
      "GET /search-insights": { body: { items: [insight("2026-11-29"), insight("2026-11-30", { average_ctr: 0.12 })] } },
      "GET /search-insights/2026-11-30": { body: insight("2026-11-30", { average_ctr: 0.12 }) },
      "GET /search-insights/2026-11-29": { body: insight("2026-11-29") },
    });
    render(<SearchPage rest={[]} />);

    const chart = await screen.findByRole("figure", { name: "daily click-through rate" });
    expect(chart.querySelectorAll(".recharts-line")).toHaveLength(2);
    expect(chart).toHaveTextContent("2026-11-29");
    const day = await screen.findByTestId("day-insights");
    expect(day).toHaveTextContent("12.00 %CTR on 2026-11-30");
    expect(within(screen.getByRole("table", { name: "top queries" })).getByRole("row", { name: /sanitizer/ })).toHaveTextContent(
      "cheap hand sanitizer8014355.9 %47.8 %",
    );
    expect(within(screen.getByRole("table", { name: "low-performing queries" })).getByRole("row", { name: /coupon/ })).toHaveTextContent(
      "best scale coupon421,3673.1 %",
    );
    const dots = chart.querySelectorAll("circle.chart-dot");
    await userEvent.click(dots[0]);
    expect(await screen.findByText("CTR on 2026-11-29", { exact: false })).toBeInTheDocument();
    const period = new URLSearchParams(calls[0].url.split("?")[1]);
    expect(period.get("from")! < period.get("to")!).toBe(true);
  });

  it("offers to compute a day that has no insights, and shows it when the job ends", async () => {
    let computed = false;
    mockApi({
      "GET /search-insights": { body: { items: [] } },
      "GET /search-insights/2026-11-20": () => (computed ? { body: insight("2026-11-20") } : problem(404, "no search insights for 2026-11-20 yet")),
      "POST /search-insights/2026-11-20/run": { status: 202, body: job({ kind: "search.compute_insights", status: "queued" }) },
      [`GET /jobs/${job().id}`]: () => {
        computed = true;
        return { body: job({ kind: "search.compute_insights", status: "succeeded", progress: { fraction: 1, message: null } }) };
      },
    });
    render(<SearchPage rest={[]} />);
    expect(await screen.findByText(/No insights computed for these days/)).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText("Day"), "2026-11-20");
    expect(await screen.findByText(/No insights for 2026-11-20 yet/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Compute this day" }));

    expect(await screen.findByTestId("day-insights")).toHaveTextContent("CTR on 2026-11-20");
  });

  it("shows a refused period next to the dates, and a failed load with a retry", async () => {
    mockApi({
      "GET /search-insights": problem(422, "body: `to` must not be before `from`", [{ field: "body", message: "`to` must not be before `from`" }]),
    });
    render(<SearchPage rest={[]} />);

    expect(await screen.findByText("`to` must not be before `from`")).toHaveAttribute("id", "period-error");
  });
});
