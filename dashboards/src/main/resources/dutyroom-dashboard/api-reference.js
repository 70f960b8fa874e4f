// The browsable API reference: renders the hub's own OpenAPI document (/openapi.json) as text,
// one block per operation, grouped by tag. Everything goes in through el(), as text, never markup.
import { el } from './dom.js';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function schemaFields(schema, spec) {
  const resolved = schema && schema.$ref ? spec.components.schemas[schema.$ref.split('/').pop()] : schema;
  if (!resolved || !resolved.properties) return null;
  const required = new Set(resolved.required ?? []);
  return el('table', {}, el('tr', {}, el('th', {}, 'field'), el('th', {}, 'type'), el('th', {}, 'required'), el('th', {}, 'meaning')),
    Object.entries(resolved.properties).map(([name, p]) => el('tr', {},
      el('td', {}, el('code', {}, name)), el('td', {}, p.type ?? (p.$ref ? p.$ref.split('/').pop() : '')),
      el('td', {}, required.has(name) ? 'yes' : ''), el('td', {}, p.description ?? ''))));
}

function operationBlock(method, path, op, spec) {
  const parts = [el('summary', {}, el('span', { class: 'method' }, method.toUpperCase()), ' ', el('span', { class: 'path' }, path),
    ' ', el('span', { class: 'muted' }, op.summary ?? ''))];
  if (op.description) parts.push(el('p', {}, op.description));
  const params = op.parameters ?? [];
  if (params.length > 0) {
    parts.push(el('h4', {}, 'Parameters'), el('table', {}, el('tr', {}, el('th', {}, 'name'), el('th', {}, 'in'), el('th', {}, 'type'), el('th', {}, 'required'), el('th', {}, 'meaning')),
      params.map((p) => el('tr', {}, el('td', {}, el('code', {}, p.name)), el('td', {}, p.in), el('td', {}, p.schema?.type ?? ''),
        el('td', {}, p.required ? 'yes' : ''), el('td', {}, p.description ?? '')))));
  }
  const body = op.requestBody?.content?.['application/json']?.schema;
  if (body) {
    parts.push(el('h4', {}, 'Body (JSON)'));
    const fields = schemaFields(body, spec);
    if (fields) parts.push(fields);
  }
  parts.push(el('h4', {}, 'Answers'), el('table', {}, Object.entries(op.responses ?? {}).map(([status, r]) =>
    el('tr', {}, el('td', {}, el('code', {}, status)), el('td', {}, r.description ?? '')))));
  return el('details', { class: 'operation', id: op.operationId }, parts);
}

async function render() {
  const main = document.getElementById('reference');
  try {
    const response = await fetch('/openapi.json');
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const spec = await response.json();
    const byTag = new Map();
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        const tag = op.tags?.[0] ?? 'other';
        if (!byTag.has(tag)) byTag.set(tag, []);
        byTag.get(tag).push(operationBlock(method, path, op, spec));
      }
    }
    main.replaceChildren(el('p', {}, spec.info.description ?? ''),
      ...[...byTag.entries()].map(([tag, blocks]) => el('section', {}, el('h2', {}, tag), blocks)));
  } catch (e) {
    main.replaceChildren(el('p', { role: 'alert' }, `The API description could not be loaded (${e.message}).`));
  }
  main.removeAttribute('aria-busy');
}

render();
