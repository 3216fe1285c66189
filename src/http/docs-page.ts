import { html, raw } from 'hono/html';

interface Operation {
  summary?: string;
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  requestBody?: unknown;
  responses?: Record<string, { description?: string }>;
  security?: unknown[];
}

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A self-contained API reference rendered from the OpenAPI document (no CDN, works offline). */
export function renderDocsPage(doc: {
  info: { title: string; version: string };
  paths?: Record<string, object>;
}) {
  const sections = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(([method, op]) => {
      const params = (op.parameters ?? []).map(
        (p) => `<code>${esc(p.name)}</code> (${esc(p.in)}${p.required ? ', required' : ''})`,
      );
      const responses = Object.entries(op.responses ?? {}).map(
        ([code, r]) => `<li><b>${esc(code)}</b> ${esc(r.description ?? '')}</li>`,
      );
      const body = op.requestBody
        ? `<details><summary>Request body schema</summary><pre>${esc(JSON.stringify(op.requestBody, null, 2))}</pre></details>`
        : '';
      return `<section><h2><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h2>
<p>${esc(op.summary ?? '')}${op.security ? ' <em>(bearer token)</em>' : ''}</p>
${params.length ? `<p>Parameters: ${params.join(', ')}</p>` : ''}${body}<ul>${responses.join('')}</ul></section>`;
    }),
  );
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${doc.info.title} API</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2430}
section{border-top:1px solid #dde3ea;padding:.5rem 0}.m{font:600 12px monospace;padding:2px 6px;border-radius:4px;background:#e8eef5}
.post{background:#e3f4e8}pre{background:#f6f8fa;padding:.75rem;overflow:auto;font-size:12px}</style></head>
<body><h1>${doc.info.title} <small>${doc.info.version}</small></h1>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>${raw(sections.join('\n'))}</body></html>`;
}
