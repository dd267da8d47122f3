/**
 * What report.html carries inline besides its data: the page scripts from `templates/` and, for
 * `--interactive`, the vega, vega-lite and vega-embed bundles from node_modules. Every script is
 * inline and allowed by its sha256 hash in the page's Content-Security-Policy, so the policy
 * needs neither `'unsafe-inline'` nor `'unsafe-eval'` for scripts, and nothing is ever fetched.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { packageFile } from '../shared/package-files.js';

const require = createRequire(import.meta.url);

/** An inline script and the CSP source that allows it. */
export interface InlineScript {
  /** Script text, safe to put between `<script>` and `</script>`. */
  code: string;
  /** `'sha256-…'` of exactly `code`. */
  hash: string;
}

const cache = new Map<string, InlineScript>();

/** The script file at `file`, prepared for inlining (read once per process). */
function inlineScript(key: string, file: string): InlineScript {
  let script = cache.get(key);
  if (!script) {
    // A source-map comment would make developer tools fetch the map: drop it.
    const code = readFileSync(file, 'utf8').replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n');
    if (/<\/script|<!--/i.test(code)) throw new Error(`${key} cannot be inlined: it contains </script or <!--`);
    script = { code, hash: `'sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}'` };
    cache.set(key, script);
  }
  return script;
}

/** Sorting and filtering of tables (progressive: the page reads fine without it). */
export function tableScript(): InlineScript {
  return inlineScript('report-tables.js', packageFile('templates', 'report-tables.js'));
}

/** vega, vega-lite, vega-embed and the script that swaps each static chart for a live one. */
export function interactiveScripts(): InlineScript[] {
  return [
    inlineScript('vega', bundle('vega', 'vega.min.js')),
    inlineScript('vega-lite', bundle('vega-lite', 'vega-lite.min.js')),
    inlineScript('vega-embed', bundle('vega-embed', 'vega-embed.min.js')),
    inlineScript('report-interactive.js', packageFile('templates', 'report-interactive.js')),
  ];
}

/** A browser bundle beside a package's entry point (their `exports` do not list the bundles). */
function bundle(pkg: string, file: string): string {
  return path.join(path.dirname(require.resolve(pkg)), file);
}

/**
 * The page's Content-Security-Policy: nothing may load; only the inline `<style>` (and the
 * style attributes vega writes into SVG) and the listed inline scripts run. `base-uri` and
 * `form-action` do not fall back to `default-src`, so they are closed explicitly.
 */
export function reportCsp(scripts: readonly InlineScript[]): string {
  const scriptSrc = scripts.length > 0 ? `script-src ${scripts.map((s) => s.hash).join(' ')}` : "script-src 'none'";
  return `default-src 'none'; ${scriptSrc}; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'`;
}

/**
 * JSON for a `<script type="application/json">` data block: `<`, `>` and `&` escaped as
 * unicode escapes, so no text in the data can end the block or open a comment.
 */
export function jsonForScriptBlock(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
