import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import App from "./App";
import { storedKey } from "./api";
import { PAGES } from "./pages";
import { mockApi } from "./test/api";

describe("the shell", () => {
  it("asks for a key once, checks it, and keeps it for the session", async () => {
    const calls = mockApi({
      "GET /jobs?limit=1": (init) =>
        (init?.headers as Record<string, string>).Authorization === "Bearer pt_good"
          ? { body: { items: [], next_cursor: null } }
          : { status: 401, body: { title: "Authentication required", detail: "invalid API key", status: 401 } },
      "GET /jobs": { body: { items: [], next_cursor: null } },
      "GET /dashboard/config.json": { body: { flower_url: "http://localhost:5555" } },
    });
    render(<App />);

    await userEvent.type(screen.getByLabelText("API key"), "pt_bad");
    await userEvent.click(screen.getByRole("button", { name: "Open the dashboard" }));
    expect(await screen.findByText("the API does not accept this key")).toBeInTheDocument();
    expect(storedKey()).toBeNull();

    await userEvent.clear(screen.getByLabelText("API key"));
    await userEvent.type(screen.getByLabelText("API key"), "pt_good");
    await userEvent.click(screen.getByRole("button", { name: "Open the dashboard" }));

    expect(await screen.findByRole("heading", { name: "Jobs" })).toBeInTheDocument();
    expect(storedKey()).toBe("pt_good");
    const nav = screen.getByRole("navigation", { name: "Pages" });
    for (const page of PAGES) expect(nav).toHaveTextContent(page.title);
    expect(calls.filter((call) => call.url.startsWith("/jobs?"))).not.toHaveLength(0);
  });

  it("asks again when the API refuses the key it kept", async () => {
    sessionStorage.setItem("pulsetrack.apiKey", "pt_revoked");
    mockApi({
      "GET /jobs": { status: 401, body: { title: "Authentication required", detail: "revoked", status: 401 } },
      "GET /dashboard/config.json": { status: 401, body: { title: "Authentication required", detail: "revoked", status: 401 } },
    });
    render(<App />);

    expect(await screen.findByText(/refused the key/)).toBeInTheDocument();
    expect(storedKey()).toBeNull();
  });

  it("opens the page the location names", async () => {
    sessionStorage.setItem("pulsetrack.apiKey", "pt_good");
    window.location.hash = "#/search";
    mockApi({});
    render(<App />);

    expect(screen.getByRole("heading", { level: 1, name: "Search insights" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Search insights" })).toHaveAttribute("aria-current", "page");
  });
});
