import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";

import { mockApi, problem } from "../test/api";
import { job } from "../test/fixtures";
import JobsPage from "./JobsPage";

const FAN_OUT = job({
  id: "6f1c2b8e-0000-4000-8000-00000000000f",
  kind: "health.score_population",
  status: "failed",
  progress: { fraction: 0.5, message: "2 of 4 parts done" },
  parts: { total: 4, done: 2, failed: 1 },
  error: { code: "part_failed", message: "part 3 of 4 failed (boom): it broke" },
  webhook_url: "https://hooks.example/pt",
  finished_at: "2026-12-02T09:00:09Z",
});

beforeEach(() => sessionStorage.setItem("pulsetrack.apiKey", "pt_test"));

describe("the jobs page", () => {
  it("lists recent jobs of every kind with their status and progress", async () => {
    mockApi({
      "GET /jobs": { body: { items: [job(), FAN_OUT], next_cursor: null } },
      "GET /dashboard/config.json": { body: { flower_url: "http://localhost:5555" } },
    });
    render(<JobsPage rest={[]} />);

    const rows = await screen.findAllByRole("row");
    expect(rows).toHaveLength(3);
    expect(within(rows[1]).getByText("running")).toBeInTheDocument();
    expect(within(rows[1]).getByRole("progressbar")).toHaveAttribute("aria-valuenow", "40");
    expect(within(rows[2]).getByText("failed")).toBeInTheDocument();
    expect(within(rows[2]).getByText("2 / 4 (1 failed)")).toBeInTheDocument();
    expect(await screen.findByRole("link", { name: /Flower/ })).toHaveAttribute("href", "http://localhost:5555");
  });

  it("shows a job's error, parts and webhook deliveries", async () => {
    mockApi({
      "GET /jobs": { body: { items: [FAN_OUT], next_cursor: null } },
      [`GET /jobs/${FAN_OUT.id}`]: { body: FAN_OUT },
      [`GET /jobs/${FAN_OUT.id}/parts`]: {
        body: {
          items: [0, 1, 2, 3].map((index) => ({
            index,
            status: ["succeeded", "succeeded", "failed", "cancelled"][index],
            params: {},
            result: null,
            error: index === 2 ? { code: "boom", message: "it broke" } : null,
            attempts: 1,
            started_at: null,
            finished_at: null,
          })),
          next_after: null,
        },
      },
      [`GET /jobs/${FAN_OUT.id}/webhook-deliveries`]: {
        body: {
          items: [
            {
              id: "msg_1",
              type: "job.failed",
              url: "https://hooks.example/pt",
              status: "delivered",
              next_attempt_at: null,
              attempts: [
                { attempt: 1, attempted_at: "2026-12-02T09:00:10Z", status_code: 500, error: null, duration_ms: 12, next_attempt_at: "2026-12-02T09:00:15Z" },
                { attempt: 2, attempted_at: "2026-12-02T09:00:15Z", status_code: 200, error: null, duration_ms: 9, next_attempt_at: null },
              ],
            },
          ],
        },
      },
    });
    render(<JobsPage rest={[FAN_OUT.id]} />);

    const detail = await screen.findByTestId("job-detail");
    expect(within(detail).getByText("part_failed")).toBeInTheDocument();
    expect(await within(detail).findByText("Part 3: boom: it broke")).toBeInTheDocument();
    expect(within(detail).getByText("Parts: 2 of 4 done, 1 failed")).toBeInTheDocument();
    expect(await within(detail).findByText("job.failed")).toBeInTheDocument();
    expect(within(detail).getByText("500")).toBeInTheDocument();
    expect(within(detail).queryByRole("button", { name: "Cancel job" })).toBeNull();
  });

  it("cancels a running job", async () => {
    let cancelled = false;
    const calls = mockApi({
      "GET /jobs": { body: { items: [job()], next_cursor: null } },
      [`GET /jobs/${job().id}`]: () => ({ body: job({ cancel_requested: cancelled }) }),
      [`GET /jobs/${job().id}/webhook-deliveries`]: { body: { items: [] } },
      [`POST /jobs/${job().id}/cancel`]: () => {
        cancelled = true;
        return { status: 202, body: job({ cancel_requested: true }) };
      },
    });
    render(<JobsPage rest={[job().id]} />);

    await userEvent.click(await screen.findByRole("button", { name: "Cancel job" }));

    expect(calls.some((call) => call.method === "POST" && call.url.endsWith("/cancel"))).toBe(true);
    expect(await screen.findByText(/Cancel requested/)).toBeInTheDocument();
  });

  it("shows the API's error for a parameter next to its field", async () => {
    mockApi({
      "GET /jobs": { body: { items: [], next_cursor: null } },
      "POST /jobs": problem(422, "params.steps: must be at least 1", [{ field: "params.steps", message: "must be at least 1" }]),
    });
    render(<JobsPage rest={[]} />);
    expect(await screen.findByText("No jobs yet.")).toBeInTheDocument();

    await userEvent.clear(screen.getByLabelText("Steps"));
    await userEvent.type(screen.getByLabelText("Steps"), "0");
    await userEvent.click(screen.getByRole("button", { name: "Run it" }));

    const error = await screen.findByText("must be at least 1");
    expect(error).toHaveAttribute("id", "echo-steps-error");
    expect(screen.getByLabelText("Steps")).toHaveAttribute("aria-invalid", "true");
  });

  it("says so when the jobs cannot be loaded, and tries again", async () => {
    mockApi({ "GET /jobs": problem(503, "the database is unreachable; retry later") });
    render(<JobsPage rest={[]} />);

    expect(await screen.findByText("the database is unreachable; retry later")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });
});
