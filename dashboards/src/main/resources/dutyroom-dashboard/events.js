// How a timeline event reads on the screens: its kind, what it concerns, the alarm or order it names
// and who acted. The same line in the timeline screen and in an equipment's history.

import { el } from './dom.js';
import { clock, pick } from './i18n.js';

export function eventText(e) {
  const p = e.payload ?? {};
  const what = pick(p.name, '') || pick(p.summary, '') || p.rule || p.workOrderId || p.type || '';
  return [e.kind, e.subject, what, p.by ? `(${p.by})` : ''].filter(Boolean).join(' ');
}

export function eventItem(e) {
  return el('li', { class: `severity-${e.severity}`, dataset: { kind: e.kind, id: e.id } },
    el('time', { datetime: e.ts }, clock(e.ts)), ' ', eventText(e));
}
