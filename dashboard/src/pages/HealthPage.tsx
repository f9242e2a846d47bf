import type { PageProps } from "../pages";

export default function HealthPage(_: PageProps) {
  return <p>Coming next.</p>;
}
