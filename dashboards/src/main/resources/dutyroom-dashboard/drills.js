// Drills (演练): start a shipped scenario on a chosen building, watch its steps fill in as the duty
// room answers it (acknowledge, dispatch, arrive, release), and read its score against the limits.
// A drill's alarms and orders are marked as such everywhere and never count as the plant's.

import { get, post } from './api.js';
import { el } from './dom.js';
import { duration, pick, stamp, t } from './i18n.js';
import { may } from './roles.js';

const form = document.querySelector('#drill-start');
const unavailable = document.querySelector('#drills-unavailable');
const list = document.querySelector('#drill-list');
const none = document.querySelector('#no-drills');
const error = document.querySelector('#drill-error');
let state = { available: false, scenarios: [], drills: [] };

function stepItem(s) {
  const verdict = s.met === true ? 'met' : s.met === false ? 'missed' : 'waiting';
  return el('li', { class: `drill-step drill-${verdict}`, dataset: { step: s.step, verdict } },
    el('strong', {}, t(`drills.step.${s.step}`)),
    el('span', {}, s.seconds === null || s.seconds === undefined ? t('drills.waiting') : duration(s.seconds)),
    s.limitSeconds ? el('span', { class: 'muted' }, t('drills.limit', { time: duration(s.limitSeconds) })) : null,
    verdict === 'waiting' ? null : el('span', { class: 'verdict' }, t(`drills.${verdict}`)));
}

function drillCard(d) {
  return el('li', { class: `drill state-${d.state}`, dataset: { drill: d.id, state: d.state } },
    el('h3', {}, `${pick(d.name, d.scenario)} · ${d.building ?? ''}`, ' ', el('span', { class: 'tag' }, t(`drills.${d.state}`))),
    el('p', { class: 'muted' }, t('drills.startedBy', { by: d.startedBy ?? '—', at: stamp(d.startedAt) })),
    d.score && el('ol', { class: 'drill-steps' }, d.score.steps.map(stepItem)),
    d.score && d.state !== 'running' && el('p', { class: 'drill-score' }, t('drills.score', { met: d.score.met, of: d.score.of })));
}

/** The buildings that have the chosen scenario's equipment (the hub says which). */
function fillBuildings() {
  const scenario = state.scenarios.find((s) => s.id === form.elements.scenario.value);
  const building = form.elements.building;
  const picked = building.value;
  const offered = scenario?.buildings ?? [];
  building.replaceChildren(...offered.map((b) => el('option', { value: b.id, dataset: { site: b.site } }, b.name ? `${pick(b.name)} (${b.id})` : b.id)));
  if (offered.some((b) => b.id === picked)) building.value = picked;
}

export function render() {
  unavailable.hidden = state.available;
  unavailable.textContent = state.available ? '' : `${t('drills.unavailable')}${state.reason ? `: ${state.reason}` : ''}`;
  // starting one is the engineering side's; the desk watches
  form.hidden = !state.available || !may('drills');
  const scenario = form.elements.scenario;
  const chosen = scenario.value;
  scenario.replaceChildren(...state.scenarios.map((s) => el('option', { value: s.id }, pick(s.name, s.id))));
  if (state.scenarios.some((s) => s.id === chosen)) scenario.value = chosen;
  fillBuildings();
  list.replaceChildren(...state.drills.map(drillCard));
  none.hidden = state.drills.length > 0;
}

export async function load() {
  state = await get('/api/v1/drills');
  render();
}

form.elements.scenario.addEventListener('change', fillBuildings);

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const building = form.elements.building.selectedOptions[0];
    await post('/api/v1/drills', { scenario: form.elements.scenario.value, building: building?.value, site: building?.dataset.site });
    error.textContent = '';
  } catch (e) {
    error.textContent = `${t('action.failed')}: ${e.message}`;
  }
  await load();
});

export const drills = {
  load, render,
  // a drill's steps are alarm and work-order steps, so those events move its score along
  follows: (e) => e.kind.startsWith('drill.')
    || (state.drills.some((d) => d.state === 'running') && (e.kind.startsWith('alarm.') || e.kind.startsWith('workorder.'))),
};
