// Search across the articles (GET /search), and, with no query, what the store holds
// (GET /stats) and the latest documents (GET /documents).
import { h, route, withQuery, marked, table, message, plural } from "../dom.js";
import { get, rows } from "../api.js";

const PAGE = 20;

function searchForm(q) {
  const input = h("input", { type: "search", name: "q", value: q, placeholder: "Search the articles: words, \"a phrase\", or, -word", "aria-label": "Search", autofocus: true });
  return h(
    "form",
    {
      class: "search-form",
      role: "search",
      onsubmit: (event) => {
        event.preventDefault();
        window.location.hash = withQuery("#/search", { q: input.value.trim() });
      },
    },
    input,
    h("button", { type: "submit" }, "Search"),
  );
}

function docMeta(doc) {
  return h(
    "span",
    { class: "meta" },
    [doc.outlet, doc.published].filter(Boolean).join(" · "),
  );
}

export async function renderSearch(view, _args, params, ctx) {
  const q = (params.get("q") || "").trim();
  const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  view.append(h("h1", null, "Search"), searchForm(q));
  if (!q) return renderHome(view, ctx);

  const body = await get("/search", { q, limit: PAGE, offset });
  if (!ctx.alive()) return;
  const hits = rows(body);
  const results = h("ol", { class: "results", start: offset + 1 });
  for (const hit of hits) {
    results.append(
      h(
        "li",
        { class: "hit" },
        h("a", { class: "hit-title", href: withQuery(route("doc", hit.id), { q }) }, hit.title || hit.id),
        " ",
        docMeta(hit),
        h("p", { class: "snippet" }, marked(hit.snippet)),
      ),
    );
  }
  if (!hits.length) {
    view.append(message(offset ? "No more results." : `Nothing matches “${q}”.`));
  } else {
    const total = body && typeof body.count === "number" ? ` of ${body.count}` : "";
    view.append(h("p", { class: "meta" }, `Results ${offset + 1}–${offset + hits.length}${total}`), results);
  }
  const nav = h("p", { class: "pager" });
  if (offset > 0) nav.append(h("a", { href: withQuery("#/search", { q, offset: Math.max(0, offset - PAGE) || null }) }, "← Previous"), " ");
  const more = body && body.next_offset != null ? true : hits.length === PAGE;
  if (more) nav.append(h("a", { href: withQuery("#/search", { q, offset: offset + PAGE }) }, "Next →"));
  view.append(nav);
}

async function renderHome(view, ctx) {
  const [stats, listing] = await Promise.all([get("/stats").catch(() => null), get("/documents", { limit: 25 })]);
  if (!ctx.alive()) return;
  if (stats) {
    const figures = [
      ["documents", stats.documents],
      ["actors", stats.actors],
      ["events", stats.events],
      ["quotes and reported speech", stats.attributions],
      ["outlets", stats.outlets],
    ].filter(([, n]) => typeof n === "number");
    view.append(
      h(
        "p",
        { class: "stats" },
        figures.map(([label, n]) => h("span", { class: "figure" }, h("strong", null, n.toLocaleString("en")), ` ${label}`)),
        stats.earliest_published ? h("span", { class: "figure" }, `published ${stats.earliest_published} – ${stats.latest_published}`) : null,
      ),
    );
  }
  const docs = rows(listing);
  view.append(h("h2", null, "Latest documents"));
  if (!docs.length) {
    view.append(message("The store is empty: add articles first.", "info"), h("p", null, h("a", { href: "#/add" }, "Add articles →")));
    return;
  }
  view.append(
    table(
      [
        ["Published", (d) => d.published || ""],
        ["Title", (d) => h("a", { href: route("doc", d.id) }, d.title || d.id)],
        ["Outlet", (d) => d.outlet || ""],
      ],
      docs,
      { class: "documents" },
    ),
  );
  const count = listing && typeof listing.count === "number" ? listing.count : null;
  if (count !== null && count > docs.length) view.append(h("p", { class: "meta" }, `${plural(count, "document")} in the store; search to find the others.`));
}
