// Dossier's web app: one page, hash routes (#/search, #/doc/ID, #/actor/ID,
// #/dyad/A/B, #/network, #/contradictions, #/add).
import "./app.css";
import { h, clear, message } from "./dom.js";
import { ApiError } from "./api.js";
import { renderSearch } from "./pages/search.js";
import { renderReader } from "./pages/reader.js";
import { renderActor, renderActors } from "./pages/actor.js";
import { renderDyad } from "./pages/dyad.js";
import { renderNetwork } from "./pages/network.js";
import { renderContradictions } from "./pages/contradictions.js";
import { renderAdd } from "./pages/add.js";

const ROUTES = {
  "": renderSearch,
  search: renderSearch,
  doc: renderReader,
  actors: renderActors,
  actor: renderActor,
  dyad: renderDyad,
  network: renderNetwork,
  contradictions: renderContradictions,
  add: renderAdd,
};

/** "#/dyad/PRK/IRN?since=2020" → {name: "dyad", args: ["PRK", "IRN"], params} */
export function parseHash(hash) {
  const text = (hash || "").replace(/^#\/?/, "");
  const [path, query = ""] = text.split("?", 2);
  const segments = path.split("/").filter((s) => s !== "").map((s) => {
    try {
      return decodeURIComponent(s);
    } catch (_) {
      return s;
    }
  });
  return { name: segments[0] || "", args: segments.slice(1), params: new URLSearchParams(query) };
}

let generation = 0;
let cleanup = null;

async function show() {
  const view = document.getElementById("view");
  const current = ++generation;
  if (cleanup) {
    try {
      cleanup();
    } catch (_) {
      /* a view that failed to tidy up must not block the next */
    }
    cleanup = null;
  }
  const { name, args, params } = parseHash(window.location.hash);
  for (const link of document.querySelectorAll("nav a[data-route]")) {
    link.classList.toggle("active", link.dataset.route === (name || "search"));
  }
  const render = ROUTES[name];
  clear(view);
  view.setAttribute("aria-busy", "true");
  const ctx = {
    alive: () => current === generation,
    onCleanup: (fn) => {
      cleanup = fn;
    },
  };
  try {
    if (!render) {
      view.append(h("h1", null, "Not found"), message(`There is no page “${name}”.`, "error"));
    } else {
      await render(view, args, params, ctx);
    }
  } catch (error) {
    if (!ctx.alive()) return;
    console.error(error);
    clear(view);
    const text = error instanceof ApiError ? error.message : `Something went wrong: ${error.message || error}`;
    view.append(h("h1", null, error instanceof ApiError && error.status === 404 ? "Not found" : "Error"), message(text, "error"));
  } finally {
    if (ctx.alive()) {
      view.setAttribute("aria-busy", "false");
      view.dataset.page = name || "search";
    }
  }
}

function start() {
  const fallback = document.getElementById("no-script");
  if (fallback) fallback.remove();
  window.addEventListener("hashchange", show);
  show();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
