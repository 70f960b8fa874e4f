// The duty-room screen: log-in, the screens (overview, alarms, work orders, equipment, timeline,
// patrols and complaints, drills), the language switch, and the one live feed that keeps them
// current. Each screen reloads only when an event of its kind arrives; after the feed was lost
// (a hub restart), every screen reloads once it is back, since the hub does not replay events.
// While the feed is open the hub keeps the session fresh, so a wall screen that only listens stays
// logged in; when the session ends (a 401, or the hub ends the feed) the log-in form comes back and
// says so.

import { actAs, post, whenSessionEnds } from './api.js';
import { alarmConsole } from './alarms.js';
import { desk } from './desk.js';
import { deviceList, onDevices } from './devices.js';
import { drills } from './drills.js';
import { equipment, showList, stopFollowing } from './equipment.js';
import { eventItem } from './events.js';
import { language, onLanguageChange, setLanguage, t, translate } from './i18n.js';
import { isWallScreen, setWallScreen, timelineFeed } from './live.js';
import { overview, whenTileChosen } from './overview.js';
import { setRole } from './roles.js';
import { closeFeed, fillBuildings, timelineScreen } from './timeline.js';
import { workOrderBoard } from './workorders.js';

const SCREENS = ['overview', 'alarms', 'workorders', 'equipment', 'timeline', 'desk', 'drills'];
const PARTS = [deviceList, alarmConsole, overview, workOrderBoard, equipment, desk, drills];
const feedState = document.querySelector('#feed-state');
const lostBanner = document.querySelector('#connection-lost');
const recent = document.querySelector('#recent');
const loginForm = document.querySelector('#login');
const sessionEnded = document.querySelector('#session-ended');
const passwordForm = document.querySelector('#change-password');
let loginOff = false;
const app = document.querySelector('#app');
const who = document.querySelector('#who');
const screenError = document.querySelector('#screen-error');
let feed = null;
let me = null;
/** The newest few events of the live feed, newest first, for the overview's list. */
const recentEvents = [];

const failures = new Map();

/**
 * Loads one part; a failure is said on the screen and leaves the other parts working. Events may
 * come faster than a part loads (an alarm flood): while a load runs, later events only mark the part
 * to load once more afterwards, so each part has at most one request in flight.
 */
async function refresh(part) {
  if (part.loading) {
    part.again = true;
    return;
  }
  part.loading = true;
  try {
    do {
      part.again = false;
      try {
        await part.load();
        failures.delete(part);
      } catch (e) {
        failures.set(part, e.message);
      }
    } while (part.again);
  } finally {
    part.loading = false;
    screenError.textContent = failures.size ? `${t('action.failed')}: ${[...failures.values()].join(' · ')}` : '';
  }
}

const refreshAll = () => Promise.all([...PARTS, timelineScreen].map(refresh));

/** The live feed's state in the header: connecting, live, lost, unreachable (at start-up) or signed-out. */
function showFeed(state) {
  feedState.dataset.state = state;
  feedState.textContent = t(`feed.${state}`);
  lostBanner.hidden = state !== 'lost' && state !== 'unreachable';
  lostBanner.dataset.i18n = state === 'unreachable' ? 'connection.unreachable' : 'connection.lost';
  lostBanner.textContent = t(lostBanner.dataset.i18n);
}

function show(screen) {
  const name = SCREENS.includes(screen) ? screen : 'overview';
  for (const s of SCREENS) document.querySelector(`#screen-${s}`).hidden = s !== name;
  for (const link of document.querySelectorAll('nav a')) {
    if (link.hash === `#${name}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}
window.addEventListener('hashchange', () => show(location.hash.slice(1)));

whenTileChosen((filter) => {
  location.hash = '#equipment';
  showList(filter);
});
onDevices(fillBuildings);

document.querySelector('#language').addEventListener('click', () => setLanguage(language() === 'en' ? 'zh-CN' : 'en'));
onLanguageChange(() => {
  showFeed(feedState.dataset.state);
  showWho();
  PARTS.forEach((part) => part.render());
  recent.replaceChildren(...recentEvents.map(eventItem));
  if (me) refresh(timelineScreen);
});

function showWho() {
  who.textContent = me ? [me.displayName ?? me.username, me.role && t(`role.${me.role}`)].filter(Boolean).join(' · ') : '';
  document.querySelector('#logout').hidden = !me;
}

function follow() {
  feed?.close();
  feed = timelineFeed('', {
    onState: showFeed,
    onResync: refreshAll,
    onData: (event) => {
      recentEvents.unshift(event);
      recentEvents.length = Math.min(recentEvents.length, 8);
      recent.replaceChildren(...recentEvents.map(eventItem));
      PARTS.filter((part) => part.follows(event)).forEach(refresh);
    },
  }).open();
}

/** Counts log-ins: a start overtaken by a newer one (the session ended while it loaded) stops. */
let starts = 0;

async function start() {
  const mine = ++starts;
  // the buttons each screen offers follow the role (null with log-in off: all of them)
  setRole(me?.role, me?.username);
  loginForm.hidden = true;
  app.hidden = false;
  showWho();
  show(location.hash.slice(1));
  await refreshAll();
  if (mine === starts && me) follow();
}

/** The log-in form; ended: the session ended by itself or elsewhere (not a log-out here), which the form says. */
function askToLogIn({ ended = false } = {}) {
  feed?.close();
  feed = null;
  closeFeed();
  stopFollowing();
  me = null;
  desk.forget();
  app.hidden = true;
  passwordForm.hidden = true;
  showFeed('signed-out');
  if (ended) sessionEnded.hidden = false;
  loginForm.elements.wallScreen.checked = isWallScreen();
  loginForm.hidden = false;
  loginForm.elements.username.focus();
}
whenSessionEnds(() => askToLogIn({ ended: true }));


async function openSession(username, password) {
  const response = await fetch('/api/v1/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = await response.json().catch(() => ({}));
  return { response, body };
}

/** After log-in: a one-time password must be replaced first (the hub allows nothing else until then). */
async function enter(session) {
  me = session;
  sessionEnded.hidden = true;
  if (me.mustChange) {
    loginForm.hidden = true;
    passwordForm.hidden = false;
    passwordForm.elements.username.value = me.username;
    passwordForm.elements.current.focus();
    return;
  }
  passwordForm.hidden = true;
  await start();
}

loginForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = document.querySelector('#login-error');
  const username = loginForm.elements.username.value.trim();
  setWallScreen(loginForm.elements.wallScreen.checked);
  if (loginOff) {
    localStorage.setItem('dutyroom.user', username);
    actAs(username);
    me = { username, role: null };
    await start();
    return;
  }
  const { response, body } = await openSession(username, loginForm.elements.password.value);
  if (!response.ok) {
    error.textContent = response.status === 429 ? t('login.throttled') : `${t('login.failed')}: ${body.error?.message ?? response.status}`;
    return;
  }
  error.textContent = '';
  loginForm.elements.password.value = '';
  await enter(body);
});

passwordForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = document.querySelector('#password-error');
  const { current, password, repeat } = passwordForm.elements;
  if (password.value !== repeat.value) {
    error.textContent = t('password.mismatch');
    return;
  }
  try {
    await post(`/api/v1/users/${encodeURIComponent(me.username)}/password`, { currentPassword: current.value, password: password.value });
  } catch (e) {
    error.textContent = `${t('action.failed')}: ${e.message}`;
    return;
  }
  // a fresh session with the new password, no longer marked must-change
  const { response, body } = await openSession(me.username, password.value);
  passwordForm.reset();
  error.textContent = '';
  if (response.ok) await enter(body);
  else askToLogIn();
});

document.querySelector('#logout').addEventListener('click', async () => {
  if (!loginOff) await post('/api/v1/session/logout').catch(() => {});
  localStorage.removeItem('dutyroom.user');
  askToLogIn();
});

/**
 * Who is logged in, asked at start-up. A hub that cannot be reached (or cannot reach its database)
 * is said in the header and asked again, after 1 s, 2 s, 4 s, 8 s and then every 10 s.
 */
async function begin(delay = 1000) {
  let session = null;
  try {
    session = await fetch('/api/v1/session');
  } catch {
    // the hub is down, restarting, or the network is away
  }
  if (!session || session.status >= 500) {
    showFeed('unreachable');
    setTimeout(() => begin(Math.min(delay * 2, 10000)), delay);
    return;
  }
  showFeed('connecting');
  await opened(session);
}

/** Opens the screen for the session the hub answered: its user, the log-in form, or with log-in off a name. */
async function opened(session) {
  if (session.status === 404) {
    // log-in is off (the hub allows that on loopback only): actions name the person themselves
    loginOff = true;
    document.querySelector('#login-off').hidden = false;
    document.querySelector('#password-field').hidden = true;
    // no sessions to keep with log-in off
    loginForm.elements.wallScreen.closest('label').hidden = true;
    loginForm.elements.password.required = false;
    const known = localStorage.getItem('dutyroom.user');
    if (known) {
      actAs(known);
      me = { username: known, role: null };
      await start();
    } else {
      askToLogIn();
    }
  } else if (session.ok) {
    await enter(await session.json());
  } else {
    askToLogIn();
  }
}

translate();
showFeed('connecting');
begin();
