// Contradictions (GET /contradictions): one source's claim beside another's denial.
import { h, route, withQuery, message, statusBadge, plural } from "../dom.js";
import { get, rows } from "../api.js";

function side(title, claim) {
  return h(
    "div",
    { class: ["claim-side", `status-${claim.status}`] },
    h("h3", null, title, " ", statusBadge(claim.status)),
    h("p", null, h("strong", null, claim.said_by || "the article"), claim.published ? h("span", { class: "meta" }, ` · ${claim.published}`) : ""),
    h("blockquote", null, claim.sentence),
    h(
      "p",
      { class: "meta" },
      `${(claim.source || []).join(", ") || "?"} → ${(claim.target || []).join(", ") || "?"} · `,
      h("a", { href: withQuery(route("doc", claim.document_id), { event: claim.event_id }) }, claim.document_id),
    ),
  );
}

export async function renderContradictions(view, _args, params, ctx) {
  const actor = (params.get("actor") || "").trim();
  const input = h("input", { name: "actor", value: actor, placeholder: "PRK", size: 8, "aria-label": "Actor" });
  view.append(
    h("h1", null, "Contradictions"),
    h("p", { class: "meta" }, "Events one source asserts, reports or alleges and another denies: the same type between the same countries."),
    h(
      "form",
      {
        class: "filters",
        onsubmit: (e) => {
          e.preventDefault();
          window.location.hash = withQuery("#/contradictions", { actor: input.value.trim().toUpperCase() });
        },
      },
      "Involving ",
      input,
      h("button", { type: "submit" }, "Filter"),
    ),
  );
  const found = rows(await get("/contradictions", { actor, limit: 200 }));
  if (!ctx.alive()) return;
  if (!found.length) {
    view.append(message(actor ? `No contradiction involves ${actor}.` : "No contradiction in the store."));
    return;
  }
  view.append(h("p", { class: "meta" }, plural(found.length, "contradiction")));
  for (const item of found) {
    view.append(h("section", { class: "contradiction card" }, h("h2", null, item.type), h("div", { class: "sides" }, side("Claim", item.claim), side("Denial", item.denial))));
  }
}
