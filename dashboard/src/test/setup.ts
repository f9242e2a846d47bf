import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { cloneElement, createElement, type ReactElement } from "react";
import { afterEach, vi } from "vitest";

// jsdom lays nothing out, so a responsive chart would measure 0 × 0 and draw nothing: draw it
// at a fixed size instead, so that tests can see its bars and lines.
vi.mock("recharts", async (importOriginal) => ({
  ...(await importOriginal<typeof import("recharts")>()),
  ResponsiveContainer: ({ children }: { children: ReactElement<{ width?: number; height?: number }> }) =>
    createElement("div", null, cloneElement(children, { width: 600, height: 280 })),
}));

// jsdom lays nothing out; Recharts' containers only need the observer to exist.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  sessionStorage.clear();
  window.location.hash = "";
});
