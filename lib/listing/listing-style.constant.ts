import { createHash } from 'node:crypto';

/**
 * LISTING_STYLE is the page's only style sheet, inline: the page loads
 * nothing from elsewhere (clusters are often offline). The CSP allows it by
 * its hash, not with `'unsafe-inline'`.
 */
export const LISTING_STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#1b1b1b;background:#fff}
h1{font-size:1.4em;margin:0 0 .2em}h2{font-size:1.15em;margin:1.2em 0 .4em}
code,pre{font:12px/1.35 ui-monospace,Menlo,Consolas,monospace}
pre{margin:0;white-space:pre-wrap;word-break:break-all}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f4f4f4}
tr.changed td.flag-current{background:#fff6d6}
.badge{display:inline-block;padding:0 .4em;border-radius:.3em;font-size:.8em;margin-left:.3em;color:#fff}
.badge-changed{background:#1f6feb}.badge-pending{background:#b35900}.badge-sensitive{background:#6e40c9}.badge-runtime{background:#cf222e}
form.flag-setter{white-space:nowrap}form.flag-setter input{font:inherit;max-width:12em}
.alert{border:1px solid;border-radius:.3em;padding:.5em .8em;margin:.6em 0}
.alert-error{border-color:#cf222e;background:#ffebe9}
.alert-warning{border-color:#b35900;background:#fff1e0}
.meta{color:#555}
nav a{margin-right:.8em}nav a[aria-current]{font-weight:bold;text-decoration:none;color:#1b1b1b}
dl{display:grid;grid-template-columns:max-content auto;gap:.1em 1em;margin:0}dt{color:#555}dd{margin:0}
`;

/** LISTING_STYLE_HASH is the CSP source allowing {@link LISTING_STYLE}: `'sha256-…'`. */
export const LISTING_STYLE_HASH = `'sha256-${createHash('sha256').update(LISTING_STYLE).digest('base64')}'`;
