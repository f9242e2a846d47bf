// The dashboard's pages, in menu order. A new page is one entry here: its path (`#/<path>`),
// its menu title, and its component, which receives what follows the path in the location.
import type { ComponentType } from "react";

import ExtractionPage from "./pages/ExtractionPage";
import HealthPage from "./pages/HealthPage";
import JobsPage from "./pages/JobsPage";
import ModelPage from "./pages/ModelPage";
import PredictionsPage from "./pages/PredictionsPage";
import PredictPage from "./pages/PredictPage";
import SearchPage from "./pages/SearchPage";

export interface PageProps {
  rest: string[];
}

export interface Page {
  path: string;
  title: string;
  component: ComponentType<PageProps>;
}

export const PAGES: Page[] = [
  { path: "jobs", title: "Jobs", component: JobsPage },
  { path: "health", title: "Health", component: HealthPage },
  { path: "search", title: "Search insights", component: SearchPage },
  { path: "predict", title: "Predict", component: PredictPage },
  { path: "predictions", title: "Predictions", component: PredictionsPage },
  { path: "model", title: "Model", component: ModelPage },
  { path: "extraction", title: "Extraction", component: ExtractionPage },
];
