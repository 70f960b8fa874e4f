// Patrols and complaints, as the desk and the supervisor check them: today's rounds per route with
// their missed checkpoints (漏巡), the open complaints with any step past its limit, and the return
// visits that are overdue (every complaint gets one).

import { get } from './api.js';
import { el } from './dom.js';
import { hhmm, pick, stamp, t } from './i18n.js';

const roundsBody = document.querySelector('#rounds tbody');
const noRounds = document.querySelector('#no-rounds');
const complaintsBody = document.querySelector('#complaints tbody');
const noComplaints = document.querySelector('#no-complaints');
const overdueVisits = document.querySelector('#overdue-visits');
const noOverdueVisits = document.querySelector('#no-overdue-visits');
let routes = [];
let rounds = [];
let complaints = [];

function roundStatus(r) {
  if (r.status !== 'judged') return t(`desk.round.${r.status}`);
  return t('desk.round.judged', { pct: Math.round((r.completion ?? 0) * 100) });
}

function roundRow(r) {
  const route = routes.find((x) => x.id === r.route);
  const missed = (r.result ?? []).filter((c) => c.status === 'missed').map((c) => {
    const checkpoint = route?.checkpoints.find((x) => x.id === c.checkpoint);
    return checkpoint ? `${pick(checkpoint.name, c.checkpoint)} (${c.checkpoint})` : c.checkpoint;
  });
  return el('tr', { dataset: { round: r.id, route: r.route, status: r.status }, class: missed.length ? 'has-missed' : null },
    el('td', {}, route ? pick(route.name, r.route) : r.route),
    el('td', {}, `${hhmm(r.opens)}–${hhmm(r.closes)}`),
    el('td', {}, roundStatus(r)),
    el('td', { class: missed.length ? 'missed' : 'muted' }, missed.length ? `${t('desk.missed')}: ${missed.join('、')}` : '—'));
}

const overdueSteps = (c) => Object.entries(c.steps ?? {}).filter(([, s]) => s.overdue).map(([step]) => step);
const stepName = (step) => t(`complaint.step.${step === 'return-visit' ? 'returnVisit' : step}`);

function complaintRow(c) {
  const late = overdueSteps(c);
  return el('tr', { dataset: { complaint: c.id }, class: late.length ? 'overdue' : null },
    el('td', {}, c.id, c.major ? ' ⚑' : ''),
    el('td', {}, c.unit ?? '—'),
    el('td', {}, c.summary),
    el('td', {}, t(`complaint.state.${c.state}`)),
    el('td', {}, c.owner),
    el('td', { class: late.length ? 'missed' : 'muted' }, late.length ? t('desk.overdue', { step: late.map(stepName).join('、') }) : stamp(c.receivedAt)));
}

export function render() {
  roundsBody.replaceChildren(...rounds.map(roundRow));
  noRounds.hidden = rounds.length > 0;
  complaintsBody.replaceChildren(...complaints.map(complaintRow));
  noComplaints.hidden = complaints.length > 0;
  const visits = complaints.filter((c) => c.steps?.['return-visit']?.overdue);
  overdueVisits.replaceChildren(...visits.map((c) => el('li', { dataset: { complaint: c.id } },
    `${c.id} ${c.unit ?? ''} ${c.summary} · ${t('wo.state.resolved')} ${stamp(c.resolvedAt)}`)));
  noOverdueVisits.hidden = visits.length > 0;
}

export async function load() {
  const [routeList, open] = await Promise.all([get('/api/v1/patrols/routes'), get('/api/v1/complaints?open=true&limit=200')]);
  routes = routeList.routes;
  const sites = [...new Set(routes.map((r) => r.site))];
  const days = await Promise.all(sites.map((site) => get(`/api/v1/patrols/rounds?site=${encodeURIComponent(site)}`)));
  rounds = days.flatMap((d) => d.rounds).sort((a, b) => a.opens.localeCompare(b.opens));
  complaints = open.complaints;
  render();
}

export const desk = { load, render, follows: (e) => e.kind.startsWith('patrol.') || e.kind.startsWith('complaint.') };
