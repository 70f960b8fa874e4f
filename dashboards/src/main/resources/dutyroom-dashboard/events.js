// How a timeline event reads on the screens: its kind, what it concerns, the alarm or order it names
// and who acted. The same line in the timeline screen and in an equipment's history. A warning or a
// critical event says so in a word as well as in its colour, so colour is never the only sign.

import { el } from './dom.js';
import { kindName } from './event-kinds.js';
import { clock, pick, t } from './i18n.js';

export function eventText(e) {
  const p = e.payload ?? {};
  const what = pick(p.name, '') || pick(p.summary, '') || p.rule || p.workOrderId || p.type || '';
  return [kindName(e.kind), e.subject, what, p.by ? `(${p.by})` : ''].filter(Boolean).join(' ');
}

export function eventItem(e) {
  const marked = e.severity === 'warning' || e.severity === 'critical';
  return el('li', { class: `severity-${e.severity}`, dataset: { kind: e.kind, id: e.id, severity: e.severity } },
    el('time', { datetime: e.ts }, clock(e.ts)), ' ',
    marked ? el('span', { class: 'severity-word' }, `[${t(`severity.${e.severity}`)}]`) : null, marked ? ' ' : null,
    eventText(e));
}
