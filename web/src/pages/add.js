// Add articles (POST /documents): paste a text, or upload files (.txt, .html, .json,
// .jsonl: one article a JSON line). Shows progress while the server reads them, then
// links to the new documents.
import { h, clear, route, message, plural } from "../dom.js";
import { postDocuments, getToken, setToken } from "../api.js";

const ACCEPT = ".txt,.text,.md,.html,.htm,.json,.jsonl,.ndjson";

/** The body and content type for pasted text: JSON lines, a JSON record, or plain text. */
export function pastedBody(text, fields) {
  const trimmed = text.trim();
  const extra = Object.fromEntries(Object.entries(fields).filter(([, v]) => v));
  if (Object.keys(extra).length) return [JSON.stringify({ ...extra, text }), "application/json"];
  if (trimmed.startsWith("{")) {
    const lines = trimmed.split(/\r?\n/).filter((l) => l.trim());
    if (lines.length > 1 && lines.every((l) => l.trim().startsWith("{"))) return [trimmed, "application/x-ndjson"];
    return [trimmed, "application/json"];
  }
  return [text, "text/plain; charset=utf-8"];
}

export async function renderAdd(view) {
  const text = h("textarea", { name: "text", rows: 14, placeholder: "Paste an article: headline on the first line, then the text. Or paste JSON lines, one record a line.", "aria-label": "Article text" });
  const title = h("input", { name: "title", placeholder: "(read from the text)", "aria-label": "Title" });
  const published = h("input", { name: "published", placeholder: "YYYY-MM-DD (read from the text)", "aria-label": "Published" });
  const outlet = h("input", { name: "outlet", placeholder: "(read from the text)", "aria-label": "Outlet" });
  const files = h("input", { type: "file", name: "files", multiple: true, accept: ACCEPT, "aria-label": "Files" });
  const token = h("input", { type: "password", name: "token", value: getToken(), autocomplete: "off", placeholder: "only when the server asks for one", "aria-label": "API token" });
  const submit = h("button", { type: "submit" }, "Add");
  const progress = h("div", { class: "progress", id: "add-progress", hidden: true });
  const results = h("div", { id: "add-results" });

  const form = h(
    "form",
    { class: "add-form", onsubmit: (e) => (e.preventDefault(), send()) },
    h("label", null, "Article text", text),
    h("div", { class: "row" }, h("label", null, "Title", title), h("label", null, "Published", published), h("label", null, "Outlet", outlet)),
    h("label", null, "…or files (", ACCEPT.replaceAll(",", " "), "; a .jsonl file holds one article a line)", files),
    h("label", { class: "token" }, "API token", token),
    h("div", null, submit),
  );
  view.append(h("h1", null, "Add articles"), form, progress, results);

  async function send() {
    setToken(token.value.trim());
    clear(results);
    let body;
    let type = null;
    let what;
    if (files.files.length) {
      body = new FormData();
      for (const file of files.files) body.append("files", file, file.name);
      if (text.value.trim()) body.append("text", text.value);
      what = plural(files.files.length, "file");
    } else if (text.value.trim()) {
      [body, type] = pastedBody(text.value, { title: title.value.trim(), published: published.value.trim(), outlet: outlet.value.trim() });
      what = "the text";
    } else {
      results.append(message("Paste a text or choose files first.", "error"));
      return;
    }
    submit.disabled = true;
    const bar = h("progress", { max: 1, value: 0 });
    const label = h("span", null, `Sending ${what}…`);
    clear(progress).append(bar, " ", label);
    progress.hidden = false;
    const began = Date.now();
    let ticker = null;
    const reading = () => {
      bar.removeAttribute("value"); // indeterminate while the server reads
      const tick = () => (label.textContent = `Reading ${what}: finding actors, events, quotes and dates… ${Math.round((Date.now() - began) / 1000)} s`);
      tick();
      ticker = ticker || setInterval(tick, 500);
    };
    try {
      const answer = await postDocuments(body, type, (fraction) => {
        if (fraction >= 1) reading();
        else bar.value = fraction;
      });
      reading();
      showResults(answer);
      form.reset();
      token.value = getToken();
    } catch (error) {
      const hint = error.status === 401 ? " Type the server's token in the API token field and add again." : "";
      results.append(message(`Not added: ${error.message}.${hint}`, "error"));
    } finally {
      clearInterval(ticker);
      progress.hidden = true;
      submit.disabled = false;
    }
  }

  function showResults(answer) {
    const items = (answer && answer.items) || [];
    const counts = ["stored", "updated", "unchanged", "failed"].filter((k) => answer && answer[k]).map((k) => `${answer[k]} ${k}`);
    results.append(h("p", { class: "summary" }, counts.join(", ") || "Nothing was read."));
    results.append(
      h(
        "ul",
        { class: "added" },
        items.map((item) => {
          const doc = item.document;
          return h(
            "li",
            { class: `item-${item.status}` },
            h("span", { class: ["badge", `result-${item.status}`] }, item.status),
            " ",
            item.id && item.status !== "failed" ? h("a", { href: route("doc", item.id) }, (doc && doc.title) || item.id) : h("span", null, item.origin),
            doc ? h("span", { class: "meta" }, ` · ${plural((doc.actors || []).length, "actor")}, ${plural((doc.events || []).length, "event")}, ${plural((doc.attributions || []).length, "quote")}`) : null,
            item.error ? h("span", { class: "error" }, ` ${item.origin}: ${item.error}`) : null,
          );
        }),
      ),
    );
  }
}
