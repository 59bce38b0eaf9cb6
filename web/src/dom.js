// Building the page without ever parsing data as HTML: every string from the API
// (article text, names, snippets) goes into the DOM as a text node or an attribute
// value set by property, never through innerHTML.

/**
 * h("a", {href: "#/x", class: "link", onclick: fn}, "text", child, [more])
 * Children: strings and numbers become text nodes; null, undefined and false are
 * skipped; arrays are flattened.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (/html/i.test(key)) throw new Error(`h(): ${key} is never set; build elements instead`);
      if (key === "class") el.className = Array.isArray(value) ? value.filter(Boolean).join(" ") : value;
      else if (key === "dataset") Object.assign(el.dataset, value);
      else if (key === "href") el.setAttribute("href", safeHref(value));
      else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
      else if (key in el && typeof value !== "string") el[key] = value;
      else el.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** In-app links (#/...) and http(s) URLs pass; anything else (javascript:, data:) becomes "#". */
export function safeHref(value) {
  const text = String(value);
  if (text.startsWith("#") || text.startsWith("/")) return text;
  try {
    const url = new URL(text, window.location.href);
    if (url.protocol === "http:" || url.protocol === "https:") return url.href;
  } catch (_) {
    /* not a URL */
  }
  return "#";
}

/** A hash route built from path segments, each encoded. */
export function route(...segments) {
  return "#/" + segments.map((s) => encodeURIComponent(String(s))).join("/");
}

export function withQuery(hash, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(key, value);
  }
  const text = query.toString();
  return text ? `${hash}?${text}` : hash;
}

/**
 * Text with highlight marks from the API as <mark> elements: the store marks matches
 * with \u0002 ... \u0003; "<mark>" ... "</mark>" written out as text is read the same way.
 * Everything else stays text.
 */
export function marked(snippet) {
  const parts = [];
  const pattern = /\u0002|\u0003|<mark>|<\/mark>/g;
  let inMark = false;
  let last = 0;
  let current = null;
  const push = (text) => {
    if (!text) return;
    if (inMark) current.append(document.createTextNode(text));
    else parts.push(document.createTextNode(text));
  };
  for (const match of String(snippet ?? "").matchAll(pattern)) {
    push(snippet.slice(last, match.index));
    last = match.index + match[0].length;
    const opening = match[0] === "\u0002" || match[0] === "<mark>";
    if (opening && !inMark) {
      current = h("mark");
      parts.push(current);
      inMark = true;
    } else if (!opening && inMark) {
      inMark = false;
    }
  }
  push(snippet.slice(last));
  return parts;
}

export function fmtDate(value) {
  return value ? String(value) : "";
}

export function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many ?? one + "s"}`;
}

/** A table from rows: columns are [title, (row) => cell content]. */
export function table(columns, rows, attrs = {}) {
  return h(
    "table",
    attrs,
    h("thead", null, h("tr", null, columns.map(([title]) => h("th", null, title)))),
    h(
      "tbody",
      null,
      rows.map((row) => h("tr", null, columns.map(([, cell]) => h("td", null, cell(row))))),
    ),
  );
}

export function statusBadge(status, negated) {
  const label = negated ? `not ${status}` : status;
  return h("span", { class: ["badge", `status-${status}`], title: "claim status" }, label);
}

export function message(text, kind = "info") {
  return h("p", { class: ["message", kind] }, text);
}
