import type { PageProps } from "../pages";

export default function SearchPage(_: PageProps) {
  return <p>Coming next.</p>;
}
