// Bundles web/src into src/dossier/web/static/app.js and app.css with esbuild.
// `npm run build` runs it; scripts/build_web.sh runs `npm ci` first.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const outdir = path.join(here, "..", "src", "dossier", "web", "static");

await build({
  entryPoints: { app: path.join(here, "src", "main.js") },
  bundle: true,
  outdir,
  format: "iife",
  target: ["es2020"],
  minify: true,
  sourcemap: false,
  legalComments: "eof",
  logLevel: "info",
});
