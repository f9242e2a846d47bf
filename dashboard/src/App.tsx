import { useEffect, useState } from "react";

import { forgetKey, onUnauthorized, storedKey } from "./api";
import KeyGate from "./KeyGate";
import { PAGES } from "./pages";
import { href, useRoute } from "./route";

export default function App() {
  const [key, setKey] = useState(storedKey);
  const [refused, setRefused] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const route = useRoute();

  useEffect(
    () =>
      onUnauthorized(() => {
        forgetKey();
        setKey(null);
        setRefused(true);
      }),
    [],
  );
  useEffect(() => setMenuOpen(false), [route.page]);

  if (!key) return <KeyGate onKey={setKey} refused={refused} />;

  const page = PAGES.find((candidate) => candidate.path === route.page) ?? PAGES[0];
  const Page = page.component;
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href={href(PAGES[0].path)}>
          PulseTrack
        </a>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
        <nav id="main-nav" className={menuOpen ? "open" : undefined} aria-label="Pages">
          {PAGES.map((candidate) => (
            <a
              key={candidate.path}
              href={href(candidate.path)}
              aria-current={candidate === page ? "page" : undefined}
            >
              {candidate.title}
            </a>
          ))}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              forgetKey();
              setRefused(false);
              setKey(null);
            }}
          >
            Forget key
          </button>
        </nav>
      </header>
      <main className="page" key={page.path}>
        <h1>{page.title}</h1>
        <Page rest={route.page === page.path ? route.rest : []} />
      </main>
    </div>
  );
}
