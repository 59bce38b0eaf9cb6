// The actor network (GET /network): who acts on whom, drawn with cytoscape. Pan and
// zoom with the mouse; click a node to open its actor page.
import cytoscape from "cytoscape";
import { h, route, withQuery, message, plural } from "../dom.js";
import { get } from "../api.js";

const CYTOSCAPE_STYLESHEET = "__________cytoscape_stylesheet";

const KIND_COLORS = {
  state: "#3b6ea8",
  igo: "#7a5ea8",
  organization: "#3d8c6e",
  person: "#b5651d",
  group: "#a83b5d",
  location: "#888",
  other: "#999",
};

function edgeColor(edge) {
  const mean = edge.goldstein_mean ?? (edge.events ? edge.goldstein / edge.events : 0);
  if (mean > 0.5) return "#3182bd";
  if (mean < -0.5) return "#e6550d";
  return "#999";
}

export async function renderNetwork(view, _args, params, ctx) {
  const since = params.get("since") || "";
  const until = params.get("until") || "";
  const types = params.get("types") || "";
  const isolated = params.get("isolated") === "1";
  const fields = {
    since: h("input", { name: "since", value: since, placeholder: "YYYY[-MM[-DD]]", size: 12, "aria-label": "Since" }),
    until: h("input", { name: "until", value: until, placeholder: "YYYY[-MM[-DD]]", size: 12, "aria-label": "Until" }),
    types: h("input", { name: "types", value: types, placeholder: "ASSAULT,AID", size: 22, "aria-label": "Event types" }),
    isolated: h("input", { type: "checkbox", name: "isolated", checked: isolated }),
  };
  view.append(
    h("h1", null, "Network"),
    h(
      "form",
      {
        class: "filters",
        onsubmit: (e) => {
          e.preventDefault();
          window.location.hash = withQuery("#/network", {
            since: fields.since.value.trim(),
            until: fields.until.value.trim(),
            types: fields.types.value.trim().toUpperCase(),
            isolated: fields.isolated.checked ? "1" : "",
          });
        },
      },
      "Since ",
      fields.since,
      " until ",
      fields.until,
      " types ",
      fields.types,
      h("label", null, fields.isolated, " actors with no edge"),
      h("button", { type: "submit" }, "Apply"),
    ),
  );
  const net = await get("/network", { since, until, types });
  if (!ctx.alive()) return;
  const edges = net.edges || [];
  const linked = new Set(edges.flatMap((e) => [e.source, e.target]));
  const nodes = (net.nodes || []).filter((n) => isolated || linked.has(n.id));
  view.append(
    h(
      "p",
      { class: "meta" },
      `${plural(nodes.length, "actor")}, ${plural(edges.length, "relation")} from ${plural(net.events || 0, "merged event")}. `,
      "Blue edges cooperate, orange ones conflict; thicker ones carry more events. Click an actor to open it.",
    ),
  );
  if (!nodes.length) {
    view.append(message("No events to draw."));
    return;
  }
  // Cytoscape adds a <style> element unless one with this id exists; the page's CSP
  // refuses inline styles, so app.css carries its one rule and this stands in for it.
  if (!document.getElementById(CYTOSCAPE_STYLESHEET)) document.head.append(h("meta", { id: CYTOSCAPE_STYLESHEET }));
  const box = h("div", { id: "network", class: "network-box" });
  const hover = h("p", { class: "meta network-hover", id: "network-hover" }, " ");
  view.append(box, hover);
  const maxEvents = Math.max(1, ...nodes.map((n) => n.events || 0));
  const maxEdge = Math.max(1, ...edges.map((e) => e.events || 0));
  const cy = cytoscape({
    container: box,
    elements: [
      ...nodes.map((n) => ({
        data: {
          id: n.id,
          label: n.name || n.id,
          size: 18 + 42 * Math.sqrt((n.events || 0) / maxEvents),
          color: KIND_COLORS[n.kind] || "#bbb",
          info: `${n.name} (${n.kind || "?"}${n.country ? ", " + n.country : ""}): ${plural(n.events || 0, "event")}`,
        },
      })),
      ...edges
        .filter((e) => nodes.some((n) => n.id === e.source) && nodes.some((n) => n.id === e.target))
        .map((e, i) => ({
          data: {
            id: `e${i}`,
            source: e.source,
            target: e.target,
            width: 1 + 6 * ((e.events || 0) / maxEdge),
            color: edgeColor(e),
            info: `${e.source} → ${e.target}: ${plural(e.events || 0, "event")}, Goldstein ${Number(e.goldstein || 0).toFixed(1)} (${Object.entries(e.types || {})
              .map(([t, n]) => `${t} ${n}`)
              .join(", ")})`,
          },
        })),
    ],
    style: [
      {
        selector: "node",
        style: {
          "background-color": "data(color)",
          label: "data(label)",
          width: "data(size)",
          height: "data(size)",
          "font-size": 11,
          "text-valign": "bottom",
          "text-margin-y": 3,
          color: "#222",
          "text-outline-color": "#fff",
          "text-outline-width": 2,
        },
      },
      {
        selector: "edge",
        style: {
          width: "data(width)",
          "line-color": "data(color)",
          "target-arrow-color": "data(color)",
          "target-arrow-shape": "triangle",
          "curve-style": "bezier",
          opacity: 0.8,
        },
      },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#000" } },
    ],
    layout: { name: "cose", animate: false, randomize: true, nodeRepulsion: () => 9000, idealEdgeLength: () => 90, padding: 30 },
    wheelSensitivity: 0.3,
  });
  cy.on("tap", "node", (event) => {
    window.location.hash = route("actor", event.target.id());
  });
  cy.on("mouseover", "node, edge", (event) => {
    hover.textContent = event.target.data("info");
  });
  // For tests and the curious: the graph is reachable from the console.
  box.dossierGraph = cy;
  ctx.onCleanup(() => cy.destroy());
}
