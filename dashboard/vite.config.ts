/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Served by the API at /dashboard (one origin). `npm run dev` proxies the API's paths to a
// running `make run`, so the same relative URLs work in both.
const API = process.env.PULSETRACK_API ?? "http://127.0.0.1:8000";
const API_PATHS = ["/jobs", "/users", "/health-scores", "/search-insights", "/dashboard/config.json"];

export default defineConfig({
  base: "/dashboard/",
  plugins: [react()],
  build: { outDir: "dist", chunkSizeWarningLimit: 1024 },
  server: { proxy: Object.fromEntries(API_PATHS.map((path) => [path, API])) },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
  },
});
