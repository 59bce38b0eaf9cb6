// The HTTP API, same origin. A token (when the server asks for one) is kept for the
// browser session only and sent as `Authorization: Bearer ...`.

const TOKEN_KEY = "dossier.token";
// Sent with every write: the server refuses text and form bodies without it, since a page
// on another site can have the browser send those but cannot add this header.
const WRITE_HEADER = { "X-Dossier-Request": "1" };

export class ApiError extends Error {
  constructor(status, message, detail) {
    super(message);
    this.status = status;
    this.detail = detail;
  }
}

export function getToken() {
  try {
    return window.sessionStorage.getItem(TOKEN_KEY) || "";
  } catch (_) {
    return "";
  }
}

export function setToken(token) {
  try {
    if (token) window.sessionStorage.setItem(TOKEN_KEY, token);
    else window.sessionStorage.removeItem(TOKEN_KEY);
  } catch (_) {
    /* storage disabled: the token lasts until the page reloads */
  }
}

function headers(extra = {}) {
  const result = { Accept: "application/json", ...extra };
  const token = getToken();
  if (token) result.Authorization = `Bearer ${token}`;
  return result;
}

/** A readable message from an error body: {error, detail} or FastAPI's {detail}. */
export function describe(status, body) {
  if (body && typeof body === "object") {
    const detail = body.detail;
    let text = "";
    if (typeof detail === "string") text = detail;
    else if (Array.isArray(detail))
      text = detail
        .map((d) => (d && typeof d === "object" ? [d.loc && d.loc.join("."), d.msg || d.error].filter(Boolean).join(": ") : String(d)))
        .join("; ");
    const head = body.error || "";
    if (head && text) return `${head}: ${text}`;
    if (head || text) return head || text;
  }
  if (status === 401) return "this server asks for a token: type it on the Add articles page";
  return `the server answered ${status}`;
}

async function readBody(response) {
  const type = response.headers.get("content-type") || "";
  if (type.includes("json")) {
    try {
      return await response.json();
    } catch (_) {
      return null;
    }
  }
  return await response.text();
}

export async function get(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(key, value);
  }
  const url = query.toString() ? `${path}?${query}` : path;
  const response = await fetch(url, { headers: headers() });
  const body = await readBody(response);
  if (!response.ok) throw new ApiError(response.status, describe(response.status, body), body);
  return body;
}

/** The rows of a listing, whether the API sends a page ({data: [...]}) or a bare list. */
export function rows(body) {
  if (Array.isArray(body)) return body;
  if (body && Array.isArray(body.data)) return body.data;
  if (body && Array.isArray(body.items)) return body.items;
  return [];
}

/**
 * POST /documents with upload progress: `body` is a string (with its content type) or
 * FormData; `onProgress(sentFraction)` is called while the body is sent, then the
 * server reads the articles and answers.
 */
export function postDocuments(body, contentType, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/documents");
    const extra = contentType ? { ...WRITE_HEADER, "Content-Type": contentType } : WRITE_HEADER;
    for (const [key, value] of Object.entries(headers(extra))) {
      xhr.setRequestHeader(key, value);
    }
    xhr.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable && onProgress) onProgress(event.loaded / event.total);
    });
    xhr.upload.addEventListener("load", () => onProgress && onProgress(1));
    xhr.addEventListener("load", () => {
      let parsed = null;
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch (_) {
        parsed = xhr.responseText;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(parsed);
      else if (xhr.status === 207 || (parsed && parsed.items)) resolve(parsed);
      else reject(new ApiError(xhr.status, describe(xhr.status, parsed), parsed));
    });
    xhr.addEventListener("error", () => reject(new ApiError(0, "the server could not be reached")));
    xhr.send(body);
  });
}
