// A dyad over time (GET /dyads/{a}/{b}): events by quarter, stacked by quad class, with
// the quarter's Goldstein sum as a line; then every event with its evidence sentence,
// each report's status and who says so.
import {
  Chart,
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
} from "chart.js";
import { h, route, withQuery, table, message, statusBadge, plural } from "../dom.js";
import { get } from "../api.js";

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

// Cooperation in blues, conflict in oranges, as `dossier dyad --plot` draws them.
const CLASSES = [
  ["verbal_cooperation", "verbal cooperation", "#9ecae1"],
  ["material_cooperation", "material cooperation", "#3182bd"],
  ["verbal_conflict", "verbal conflict", "#fdae6b"],
  ["material_conflict", "material conflict", "#e6550d"],
];

const EVENT_PAGE = 200;

/** Every quarter from the first to the last with events, zeros where none. */
export function fillQuarters(quarters) {
  if (!quarters.length) return [];
  const byName = new Map(quarters.map((q) => [q.quarter, q]));
  const parse = (name) => {
    const [year, q] = name.split("-Q");
    return [parseInt(year, 10), parseInt(q, 10)];
  };
  const names = quarters.map((q) => q.quarter).sort();
  let [year, q] = parse(names[0]);
  const [lastYear, lastQ] = parse(names[names.length - 1]);
  const result = [];
  while (year < lastYear || (year === lastYear && q <= lastQ)) {
    const name = `${year}-Q${q}`;
    result.push(byName.get(name) || { quarter: name, events: 0, goldstein: 0, verbal_cooperation: 0, material_cooperation: 0, verbal_conflict: 0, material_conflict: 0 });
    q += 1;
    if (q > 4) {
      q = 1;
      year += 1;
    }
    if (result.length > 400) break; // a century of quarters is enough for one chart
  }
  return result;
}

export async function renderDyad(view, args, params, ctx) {
  const [a, b] = args;
  const since = params.get("since") || "";
  const until = params.get("until") || "";
  view.append(h("h1", null, `Dyad ${a || "?"} – ${b || "?"}`));
  const sinceInput = h("input", { name: "since", value: since, placeholder: "YYYY[-MM[-DD]]", size: 12, "aria-label": "Since" });
  const untilInput = h("input", { name: "until", value: until, placeholder: "YYYY[-MM[-DD]]", size: 12, "aria-label": "Until" });
  view.append(
    h(
      "form",
      {
        class: "filters",
        onsubmit: (e) => {
          e.preventDefault();
          window.location.hash = withQuery(route("dyad", a, b), { since: sinceInput.value.trim(), until: untilInput.value.trim() });
        },
      },
      "Since ",
      sinceInput,
      " until ",
      untilInput,
      h("button", { type: "submit" }, "Apply"),
      " ",
      h("a", { href: route("dyad", b, a) }, "swap"),
    ),
  );
  if (!a || !b) {
    view.append(message("A dyad needs two sides: #/dyad/PRK/IRN.", "error"));
    return;
  }
  // The last events (a negative offset counts from the end); count and quarters cover all.
  const report = await get(`/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}`, { since, until, limit: EVENT_PAGE, offset: -EVENT_PAGE });
  if (!ctx.alive()) return;

  const events = report.events || [];
  view.append(
    h(
      "p",
      { class: "meta" },
      `${plural(report.count || 0, "event")} between ${report.a} and ${report.b}`,
      report.undated ? `, ${report.undated} of them with no date at all` : "",
      events.length < (report.count || 0) ? ` (showing the last ${events.length}: narrow the dates to go further back)` : "",
      " · ",
      h("a", { href: route("actor", report.a) }, report.a),
      " · ",
      h("a", { href: route("actor", report.b) }, report.b),
    ),
  );
  if (!report.count) {
    view.append(message(`No events between ${report.a} and ${report.b} in the store.`));
    return;
  }

  const quarters = fillQuarters(report.quarters || []);
  if (quarters.length) {
    const canvas = h("canvas", { id: "dyad-chart", role: "img", "aria-label": `Events between ${report.a} and ${report.b} by quarter` });
    view.append(h("div", { class: "chart-box" }, canvas));
    const chart = new Chart(canvas, {
      data: {
        labels: quarters.map((q) => q.quarter),
        datasets: [
          ...CLASSES.map(([key, label, color]) => ({
            type: "bar",
            label,
            data: quarters.map((q) => q[key] || 0),
            backgroundColor: color,
            stack: "events",
            yAxisID: "y",
            order: 2,
          })),
          {
            type: "line",
            label: "Goldstein sum",
            data: quarters.map((q) => q.goldstein || 0),
            borderColor: "#222",
            backgroundColor: "#222",
            yAxisID: "goldstein",
            tension: 0,
            order: 1,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: "index", intersect: false },
        scales: {
          x: { stacked: true },
          y: { stacked: true, beginAtZero: true, title: { display: true, text: "events" }, ticks: { precision: 0 } },
          goldstein: { position: "right", title: { display: true, text: "Goldstein sum" }, grid: { drawOnChartArea: false } },
        },
        plugins: { legend: { position: "bottom" } },
      },
    });
    ctx.onCleanup(() => chart.destroy());
  }

  view.append(
    h("h2", null, "Events"),
    table(
      [
        ["Date", (e) => (e.start_date ? [e.start_date, e.end_date && e.end_date !== e.start_date ? `..${e.end_date}` : "", e.dated ? "" : " (reported)"] : "undated")],
        ["Type", (e) => h("span", { title: `CAMEO ${e.cameo}, Goldstein ${e.goldstein ?? "?"}` }, e.type)],
        ["Direction", (e) => [e.direction, e.relation === "together" ? " (together)" : ""]],
        ["Status · who says so", (e) => h("ul", { class: "reports" }, (e.reports || []).map((r) => h("li", null, statusBadge(r.status, r.negated), " ", r.said_by)))],
        ["Evidence", (e) => evidence(e)],
        ["Docs", (e) => String(e.documents || (e.reports || []).length)],
      ],
      events,
      { class: "events dyad-events" },
    ),
  );
}

function evidence(event) {
  const report = (event.reports || [])[0];
  if (!report) return "";
  const sentence = report.sentence || "";
  const at = report.trigger ? sentence.indexOf(report.trigger) : -1;
  const words =
    at >= 0
      ? [sentence.slice(0, at), h("mark", { class: "trigger" }, report.trigger), sentence.slice(at + report.trigger.length)]
      : [sentence];
  return h(
    "div",
    { class: "evidence" },
    h("span", null, words),
    h(
      "div",
      { class: "meta" },
      h("a", { href: withQuery(route("doc", report.document_id), { event: report.event_id }) }, report.title || report.document_id),
      report.outlet ? ` · ${report.outlet}` : "",
      report.published ? ` · ${report.published}` : "",
    ),
  );
}
