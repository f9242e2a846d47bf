import { useEffect, useState } from "react";

/** The page and what follows it in the location's hash: `#/jobs/<id>` is ("jobs", ["<id>"]). */
export interface Route {
  page: string;
  rest: string[];
}

export function parseHash(hash: string): Route {
  const [page = "", ...rest] = hash.replace(/^#\/?/, "").split("/").filter(Boolean);
  return { page, rest: rest.map(decodeURIComponent) };
}

export function href(page: string, ...rest: string[]): string {
  return `#/${[page, ...rest.map(encodeURIComponent)].join("/")}`;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseHash(window.location.hash));
    window.addEventListener("hashchange", update);
    return () => window.removeEventListener("hashchange", update);
  }, []);
  return route;
}
