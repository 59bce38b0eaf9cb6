// Actors: the list of identities (GET /actors) and one actor's page (GET /actors/{id}):
// names, aliases, roles over time, relations (GET /network, else its events), quotes
// (from its documents) and events (GET /events?actor=).
import { h, route, withQuery, table, message, statusBadge, plural } from "../dom.js";
import { get, rows } from "../api.js";

const MAX_QUOTE_DOCS = 15;

export function sideKey(actor) {
  return actor.country || (actor.code && actor.code.startsWith("IGO") ? actor.code : null) || actor.id;
}

export async function renderActors(view, _args, params, ctx) {
  const q = (params.get("q") || "").trim();
  const kind = params.get("kind") || "";
  const body = await get("/actors", { kind: kind || null, limit: 1000 });
  if (!ctx.alive()) return;
  const all = rows(body);
  const needle = q.toLowerCase();
  const shown = needle
    ? all.filter((a) => [a.name, a.id, a.country, a.code].filter(Boolean).some((v) => v.toLowerCase().includes(needle)))
    : all;
  const input = h("input", { type: "search", name: "q", value: q, placeholder: "Filter by name, id or country", "aria-label": "Filter actors" });
  const kinds = ["", "state", "person", "organization", "igo", "group", "location", "other"];
  const select = h("select", { name: "kind", "aria-label": "Kind" }, kinds.map((k) => h("option", { value: k, selected: k === kind }, k || "all kinds")));
  view.append(
    h("h1", null, "Actors"),
    h(
      "form",
      {
        class: "filters",
        onsubmit: (e) => {
          e.preventDefault();
          window.location.hash = withQuery("#/actors", { q: input.value.trim(), kind: select.value });
        },
      },
      input,
      select,
      h("button", { type: "submit" }, "Filter"),
    ),
    dyadForm(),
  );
  if (!shown.length) {
    view.append(message(q ? `No actor matches “${q}”.` : "No actors yet."));
    return;
  }
  view.append(
    h("p", { class: "meta" }, `${plural(shown.length, "actor")}${needle ? ` matching “${q}”` : ""}, most documents first`),
    table(
      [
        ["Name", (a) => h("a", { href: route("actor", a.id) }, a.name)],
        ["Kind", (a) => a.kind],
        ["Country", (a) => a.country || ""],
        ["Code", (a) => a.code || ""],
        ["Documents", (a) => String(a.documents ?? "")],
        ["Mentions", (a) => String(a.mentions ?? "")],
      ],
      shown.slice(0, 500),
      { class: "actors" },
    ),
  );
}

function dyadForm() {
  const a = h("input", { name: "a", placeholder: "PRK", size: 8, "aria-label": "First side" });
  const b = h("input", { name: "b", placeholder: "IRN", size: 8, "aria-label": "Second side" });
  return h(
    "form",
    {
      class: "filters dyad-form",
      onsubmit: (e) => {
        e.preventDefault();
        if (a.value.trim() && b.value.trim()) window.location.hash = route("dyad", a.value.trim(), b.value.trim());
      },
    },
    "Dyad: ",
    a,
    " – ",
    b,
    h("button", { type: "submit" }, "Show"),
  );
}

export async function renderActor(view, args, _params, ctx) {
  const id = args.join("/");
  const profile = await get(`/actors/${encodeURIComponent(id)}`);
  if (!ctx.alive()) return;
  const key = sideKey(profile);
  view.append(
    h("h1", null, profile.name),
    h(
      "p",
      { class: "meta" },
      [profile.kind, profile.country, profile.sector, profile.code, `id ${profile.id}`].filter(Boolean).join(" · "),
      ` · ${plural(profile.documents || 0, "document")}, ${plural(profile.mentions || 0, "mention")}`,
    ),
  );
  if (profile.id !== id) view.append(message(`“${id}” was merged into ${profile.name}.`));

  const names = (profile.names || []).filter((n) => n !== profile.name);
  const aliases = profile.aliases || [];
  view.append(
    h(
      "section",
      { class: "card" },
      h("h2", null, "Names"),
      h("p", null, names.length ? names.join(" · ") : profile.name),
      aliases.length ? [h("h3", null, "Aliases"), h("p", null, aliases.join(" · "))] : null,
    ),
  );

  const roles = [...(profile.roles || [])].sort((x, y) => String(x.published || "").localeCompare(String(y.published || "")));
  if (roles.length) {
    view.append(
      h(
        "section",
        { class: "card" },
        h("h2", null, "Roles over time"),
        table(
          [
            ["Published", (r) => r.published || "undated"],
            ["Title", (r) => r.title || ""],
            ["Organization", (r) => r.organization || ""],
            ["Country", (r) => r.country || ""],
            ["Said in", (r) => h("a", { href: route("doc", r.document_id) }, r.document_id)],
          ],
          roles,
        ),
      ),
    );
  }

  // Relations, events and quotes load together.
  const relationsBox = h("section", { class: "card", id: "relations" }, h("h2", null, "Relations"), h("p", { class: "meta" }, "Loading…"));
  const eventsBox = h("section", { class: "card", id: "actor-events" }, h("h2", null, "Events"), h("p", { class: "meta" }, "Loading…"));
  const quotesBox = h("section", { class: "card", id: "quotes" }, h("h2", null, "Quotes and reported speech"), h("p", { class: "meta" }, "Loading…"));
  view.append(relationsBox, eventsBox, quotesBox);

  const [network, events] = await Promise.all([
    get("/network").catch(() => null),
    get("/events", { actor: profile.id, limit: 500 }).then(rows).catch(() => []),
  ]);
  if (!ctx.alive()) return;
  fillRelations(relationsBox, profile, key, network, events);
  fillEvents(eventsBox, events);
  await fillQuotes(quotesBox, profile, ctx);
}

function fillRelations(box, profile, key, network, events) {
  box.lastChild.remove();
  const nodes = new Map(((network && network.nodes) || []).map((n) => [n.id, n]));
  const counterparts = new Map();
  const bump = (otherId, otherName, direction, count, goldstein) => {
    const entry = counterparts.get(otherId) || { id: otherId, name: otherName, out: 0, in: 0, goldstein: 0 };
    entry[direction] += count;
    entry.goldstein += goldstein || 0;
    counterparts.set(otherId, entry);
  };
  for (const edge of (network && network.edges) || []) {
    if (edge.source === profile.id || edge.source === key) bump(edge.target, (nodes.get(edge.target) || {}).name || edge.target, "out", edge.events, edge.goldstein);
    else if (edge.target === profile.id || edge.target === key) bump(edge.source, (nodes.get(edge.source) || {}).name || edge.source, "in", edge.events, edge.goldstein);
  }
  let from = "the network of merged events";
  if (!counterparts.size) {
    // People and bodies are counted under their country in the network: use their own events.
    from = "its events";
    for (const row of events) {
      const isSource = (row.source_ids || []).includes(profile.id);
      const others = isSource ? row : { target_ids: row.source_ids, target_names: row.source_names };
      (others.target_ids || []).forEach((otherId, i) => {
        if (otherId !== profile.id) bump(otherId, (others.target_names || [])[i] || otherId, isSource ? "out" : "in", 1, row.goldstein);
      });
    }
  }
  if (!counterparts.size) {
    box.append(message("No relation with another actor yet."));
    return;
  }
  const list = [...counterparts.values()].sort((x, y) => y.out + y.in - (x.out + x.in));
  box.append(
    h("p", { class: "meta" }, `From ${from}.`),
    table(
      [
        ["Counterpart", (c) => h("a", { href: route("actor", c.id) }, c.name)],
        ["Acts on it", (c) => String(c.out)],
        ["Acted on by it", (c) => String(c.in)],
        ["Goldstein sum", (c) => c.goldstein.toFixed(1)],
        ["", (c) => h("a", { href: route("dyad", key, c.id) }, "dyad →")],
      ],
      list,
      { class: "relations" },
    ),
  );
}

function fillEvents(box, events) {
  box.lastChild.remove();
  if (!events.length) {
    box.append(message("No events name this actor."));
    return;
  }
  box.append(eventTable(events));
}

export function eventTable(events) {
  return table(
    [
      ["Date", (e) => h("span", { title: e.dated ? "dated by the text" : "placed by publication date" }, e.event_start || "", e.dated ? "" : " (reported)")],
      ["Type", (e) => h("span", { title: `CAMEO ${e.cameo}` }, e.type)],
      ["Sides", (e) => `${(e.source_names || []).join(", ") || "?"} → ${(e.target_names || []).join(", ") || "—"}`],
      ["Status", (e) => statusBadge(e.status, e.negated)],
      ["Who says so", (e) => e.said_by || e.outlet || "the article"],
      ["Evidence", (e) => h("a", { class: "evidence", href: withQuery(route("doc", e.document_id), { event: e.event_id }) }, e.sentence)],
    ],
    events,
    { class: "events" },
  );
}

async function fillQuotes(box, profile, ctx) {
  const byDocument = new Map();
  for (const member of profile.members || []) {
    if (!byDocument.has(member.document_id)) byDocument.set(member.document_id, new Set());
    byDocument.get(member.document_id).add(member.actor_id);
  }
  const ids = [...byDocument.keys()].slice(0, MAX_QUOTE_DOCS);
  const docs = await Promise.all(ids.map((docId) => get(`/documents/${encodeURIComponent(docId)}`).catch(() => null)));
  if (!ctx.alive()) return;
  box.lastChild.remove();
  const quotes = [];
  for (const doc of docs) {
    if (!doc) continue;
    const mine = byDocument.get(doc.id);
    for (const att of doc.attributions || []) {
      if (att.speaker && mine.has(att.speaker)) quotes.push({ doc, att });
    }
  }
  if (!quotes.length) {
    box.append(message("No quote or reported speech by this actor."));
    return;
  }
  box.append(
    h(
      "ul",
      { class: "quotes" },
      quotes.map(({ doc, att }) =>
        h(
          "li",
          null,
          h("blockquote", { class: att.direct ? "direct" : "reported" }, (att.content || []).map((s) => s.text).join(" … ")),
          h("p", { class: "meta" }, att.direct ? "quote" : "reported speech", " · ", h("a", { href: route("doc", doc.id) }, doc.title || doc.id), doc.published ? ` · ${doc.published}` : ""),
        ),
      ),
    ),
  );
  if (byDocument.size > MAX_QUOTE_DOCS) box.append(h("p", { class: "meta" }, `From the first ${MAX_QUOTE_DOCS} of ${byDocument.size} documents.`));
}
