// The document reader: the article text with actors, event triggers, quotes and dates
// marked in place from the contract's character offsets (GET /documents/{id}).
// Pointing at a mark shows what it is; clicking an event pins it and marks its sentence.
import { h, clear, route, withQuery, statusBadge, plural } from "../dom.js";
import { get } from "../api.js";

const QUAD = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
// When several marks cover one stretch, the most specific one answers a click.
const PRIORITY = { event: 0, time: 1, actor: 2, cue: 3, quote: 4 };

export function actorHref(actor) {
  if (!actor) return "#/actors";
  if (actor.kind === "state" && actor.country) return route("actor", actor.country);
  return withQuery("#/actors", { q: actor.name });
}

/** Marks of a document: [{start, end, kind, item}] for every span worth marking. */
export function annotations(doc) {
  const marks = [];
  const add = (span, kind, item) => {
    if (span && Number.isInteger(span.start) && Number.isInteger(span.end) && span.end > span.start) {
      marks.push({ start: span.start, end: span.end, kind, item });
    }
  };
  for (const actor of doc.actors || []) for (const span of actor.mentions || []) add(span, "actor", actor);
  for (const event of doc.events || []) {
    add(event.trigger, "event", event);
    add(event.sentence, "sentence", event);
  }
  for (const attribution of doc.attributions || []) {
    add(attribution.cue, "cue", attribution);
    for (const span of attribution.content || []) add(span, "quote", attribution);
  }
  for (const timex of doc.timexes || []) add(timex.span, "time", timex);
  return marks;
}

/** Split [0, length) at every mark's ends: [{start, end, marks}] in text order. */
export function segments(length, marks) {
  const cuts = new Set([0, length]);
  for (const m of marks) {
    cuts.add(Math.min(Math.max(m.start, 0), length));
    cuts.add(Math.min(Math.max(m.end, 0), length));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const byStart = [...marks].sort((a, b) => a.start - b.start);
  const result = [];
  let open = [];
  let next = 0;
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i];
    const end = points[i + 1];
    if (start === end) continue;
    while (next < byStart.length && byStart[next].start <= start) open.push(byStart[next++]);
    open = open.filter((m) => m.end > start);
    result.push({ start, end, marks: open.filter((m) => m.start <= start && m.end >= end) });
  }
  return result;
}

export async function renderReader(view, args, params, ctx) {
  const id = args.join("/");
  const doc = await get(`/documents/${encodeURIComponent(id)}`);
  if (!ctx.alive()) return;
  const actors = new Map((doc.actors || []).map((a) => [a.id, a]));
  const attributions = new Map((doc.attributions || []).map((a) => [a.id, a]));
  const timexes = new Map((doc.timexes || []).map((t) => [t.id, t]));
  const text = doc.text || "";

  // -- header
  const meta = [doc.outlet, doc.published, doc.language].filter(Boolean).join(" · ");
  view.append(
    h("h1", { class: "doc-title" }, doc.title || doc.id),
    h(
      "p",
      { class: "meta" },
      meta,
      doc.url ? [" · ", h("a", { href: doc.url, rel: "noopener noreferrer", target: "_blank" }, "original")] : null,
      h("span", { class: "doc-id" }, ` · ${doc.id}`),
    ),
  );

  // -- the text with its marks
  const article = h("article", { class: "doc-text", id: "doc-text" });
  const segmentEls = [];
  for (const seg of segments(text.length, annotations(doc))) {
    const chunk = text.slice(seg.start, seg.end);
    const visible = seg.marks.filter((m) => m.kind !== "sentence");
    if (!seg.marks.length) {
      article.append(document.createTextNode(chunk));
      continue;
    }
    const classes = [...new Set(visible.map((m) => `hl-${m.kind}`))];
    for (const m of visible) if (m.kind === "actor") classes.push(`kind-${m.item.kind}`);
    for (const m of visible) if (m.kind === "event") classes.push(`status-${m.item.status}`);
    const el = h("span", { class: classes }, chunk);
    el.dossierMarks = seg.marks;
    if (visible.length) {
      el.title = visible.map((m) => shortLabel(m, actors)).join(" · ");
      el.tabIndex = visible.some((m) => m.kind === "event") ? 0 : -1;
    }
    segmentEls.push(el);
    article.append(el);
  }

  // -- the side panel: what is pointed at, then the lists
  const detail = h("div", { class: "detail", id: "detail", "aria-live": "polite" }, h("p", { class: "meta" }, "Point at a mark to see what Dossier read there; click an event to pin it."));
  let pinned = null;

  function select(marks, pin) {
    if (pin) pinned = marks;
    const shown = marks || pinned;
    clear(detail);
    if (!shown || !shown.some((m) => m.kind !== "sentence")) {
      detail.append(h("p", { class: "meta" }, "Point at a mark to see what Dossier read there; click an event to pin it."));
      return;
    }
    const sorted = shown.filter((m) => m.kind !== "sentence").sort((a, b) => PRIORITY[a.kind] - PRIORITY[b.kind]);
    const seen = new Set();
    for (const m of sorted) {
      if (seen.has(m.item)) continue;
      seen.add(m.item);
      detail.append(describeMark(m, { actors, attributions, timexes, text }));
    }
    if (pin) {
      const event = sorted.find((m) => m.kind === "event");
      for (const el of segmentEls) {
        const marksHere = el.dossierMarks;
        el.classList.toggle("selected", !!event && marksHere.some((m) => m.kind === "event" && m.item === event.item));
        el.classList.toggle("in-sentence", !!event && marksHere.some((m) => m.kind === "sentence" && m.item === event.item));
      }
    }
  }

  article.addEventListener("mouseover", (e) => {
    const el = e.target.closest && e.target.closest("span");
    if (el && el.dossierMarks) select(el.dossierMarks, false);
  });
  article.addEventListener("mouseleave", () => select(null, false));
  const pick = (e) => {
    const el = e.target.closest && e.target.closest("span");
    if (el && el.dossierMarks) select(el.dossierMarks, true);
  };
  article.addEventListener("click", pick);
  article.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      pick(e);
    }
  });

  const goTo = (span, marks) => {
    const target = segmentEls.find((el) => el.dossierMarks.some((m) => marks.includes(m)));
    if (target) {
      target.scrollIntoView({ block: "center", behavior: "smooth" });
      select(target.dossierMarks.filter((m) => marks.includes(m) || m.kind === "sentence"), true);
    }
  };

  const allMarks = segmentEls.flatMap((el) => el.dossierMarks);
  const eventList = h(
    "ol",
    { class: "event-list" },
    (doc.events || []).map((event) =>
      h(
        "li",
        null,
        h(
          "button",
          { type: "button", class: "linkish", onclick: () => goTo(event.trigger, allMarks.filter((m) => m.item === event && m.kind === "event")) },
          `${event.type} `,
          h("q", null, event.trigger.text),
        ),
        " ",
        statusBadge(event.status, event.negated),
        " ",
        h("span", { class: "meta" }, sidesText(event, actors)),
      ),
    ),
  );
  const actorList = h(
    "ul",
    { class: "actor-list" },
    [...(doc.actors || [])]
      .sort((a, b) => (b.mentions || []).length - (a.mentions || []).length)
      .map((actor) =>
        h(
          "li",
          null,
          h("span", { class: ["swatch", `kind-${actor.kind}`] }),
          h("a", { href: actorHref(actor) }, actor.name),
          h("span", { class: "meta" }, ` ${actor.kind}${actor.country ? " " + actor.country : ""} · ${plural((actor.mentions || []).length, "mention")}`),
        ),
      ),
  );
  const quoteList = h(
    "ul",
    { class: "quote-list" },
    (doc.attributions || []).map((att) => {
      const speaker = actors.get(att.speaker);
      return h(
        "li",
        null,
        h("strong", null, speaker ? speaker.name : att.source ? att.source.text : "unnamed source"),
        `: `,
        h("q", null, (att.content || []).map((s) => s.text).join(" … ")),
      );
    }),
  );

  const legend = h(
    "p",
    { class: "legend" },
    h("span", { class: "hl-actor" }, "actor"),
    h("span", { class: "hl-event" }, "event"),
    h("span", { class: "hl-quote" }, "quote"),
    h("span", { class: "hl-time" }, "date"),
  );

  view.append(
    h(
      "div",
      { class: "reader" },
      h("div", { class: "reader-main" }, legend, article),
      h(
        "aside",
        { class: "reader-side" },
        detail,
        h("details", { open: true }, h("summary", null, `Events (${(doc.events || []).length})`), eventList),
        h("details", { open: true }, h("summary", null, `Actors (${(doc.actors || []).length})`), actorList),
        h("details", null, h("summary", null, `Quotes and reported speech (${(doc.attributions || []).length})`), quoteList),
      ),
    ),
  );
  if (params.get("event")) {
    const event = (doc.events || []).find((e) => e.id === params.get("event"));
    if (event) goTo(event.trigger, allMarks.filter((m) => m.item === event && m.kind === "event"));
  }
}

function names(ids, actors) {
  return (ids || []).map((id) => (actors.get(id) || { name: id }).name);
}

function sidesText(event, actors) {
  const source = names(event.source, actors).join(", ") || "?";
  const target = names(event.target, actors).join(", ");
  return target ? `${source} → ${target}` : source;
}

function shortLabel(mark, actors) {
  const item = mark.item;
  switch (mark.kind) {
    case "actor":
      return `${item.name} (${item.kind}${item.country ? ", " + item.country : ""})`;
    case "event":
      return `${item.type} ${item.cameo}: ${sidesText(item, actors)} (${item.negated ? "not " : ""}${item.status})`;
    case "quote":
      return `quote of ${(actors.get(item.speaker) || {}).name || (item.source ? item.source.text : "an unnamed source")}`;
    case "cue":
      return "reporting cue";
    case "time":
      return `date ${item.value || "unresolved"}`;
    default:
      return mark.kind;
  }
}

function sideLinks(ids, actors) {
  if (!ids || !ids.length) return h("span", { class: "meta" }, "—");
  return ids.map((id, i) => {
    const actor = actors.get(id);
    return [i ? ", " : "", actor ? h("a", { href: actorHref(actor) }, actor.name) : id];
  });
}

function describeMark(mark, { actors, attributions, timexes }) {
  const item = mark.item;
  if (mark.kind === "event") {
    const att = item.attribution ? attributions.get(item.attribution) : null;
    const speaker = att ? actors.get(att.speaker) : null;
    const timex = item.time ? timexes.get(item.time) : null;
    return h(
      "section",
      { class: "card event-card", dataset: { event: item.id } },
      h("h3", null, `${item.type}`, h("span", { class: "meta" }, ` CAMEO ${item.cameo}${item.mode ? " · " + item.mode : ""}`)),
      h(
        "dl",
        null,
        h("dt", null, "Trigger"),
        h("dd", null, h("q", null, item.trigger.text)),
        h("dt", null, "Source"),
        h("dd", null, sideLinks(item.source, actors)),
        h("dt", null, "Target"),
        h("dd", null, sideLinks(item.target, actors)),
        h("dt", null, "Status"),
        h("dd", null, statusBadge(item.status, item.negated)),
        h("dt", null, "Who says so"),
        h("dd", null, speaker ? h("a", { href: actorHref(speaker) }, speaker.name) : att && att.source ? att.source.text : "the article"),
        h("dt", null, "Date"),
        h("dd", null, timex ? `${timex.span.text} (${timex.value || "unresolved"}${timex.start ? `, ${timex.start} – ${timex.end}` : ""})` : "not dated by the text"),
        item.goldstein !== null && item.goldstein !== undefined ? [h("dt", null, "Goldstein"), h("dd", null, `${item.goldstein}${item.quad_class ? " · " + QUAD[item.quad_class] : ""}`)] : null,
      ),
    );
  }
  if (mark.kind === "actor") {
    const roles = (item.roles || []).map((r) => [r.title, r.organization, r.country].filter(Boolean).join(", ")).filter(Boolean);
    return h(
      "section",
      { class: "card actor-card" },
      h("h3", null, h("a", { href: actorHref(item) }, item.name)),
      h("p", { class: "meta" }, [item.kind, item.country, item.sector, item.code].filter(Boolean).join(" · ")),
      roles.length ? h("ul", null, roles.map((r) => h("li", null, r))) : null,
      (item.qualifiers || []).length ? h("p", null, "Described as ", (item.qualifiers || []).map((q, i) => [i ? "; " : "", h("q", null, q.text)])) : null,
    );
  }
  if (mark.kind === "quote" || mark.kind === "cue") {
    const speaker = actors.get(item.speaker);
    return h(
      "section",
      { class: "card quote-card" },
      h("h3", null, item.direct ? "Quote" : "Reported speech"),
      h("p", null, h("strong", null, speaker ? speaker.name : item.source ? item.source.text : "unnamed source"), ` (cue “${item.cue.text}”)`),
      item.parent && attributions.get(item.parent) ? h("p", { class: "meta" }, `inside what ${(actors.get(attributions.get(item.parent).speaker) || {}).name || "another source"} reports`) : null,
    );
  }
  if (mark.kind === "time") {
    return h(
      "section",
      { class: "card time-card" },
      h("h3", null, "Date"),
      h("p", null, h("q", null, item.span.text), ` → ${item.value || "unresolved"}`),
      item.start ? h("p", { class: "meta" }, `${item.start} – ${item.end}${item.granularity ? " · " + item.granularity : ""}${item.modifier ? " · " + item.modifier : ""}`) : null,
    );
  }
  return h("section", { class: "card" }, mark.kind);
}
