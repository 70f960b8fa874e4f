// A first duty-room screen: the device list and the live timeline. The full dashboard is issue 8.
const devicesBody = document.querySelector('#devices tbody');
const timeline = document.querySelector('#timeline');
const feedState = document.querySelector('#feed-state');
const MAX_EVENTS = 200;

async function loadDevices() {
  const response = await fetch('/api/v1/devices');
  const { devices } = await response.json();
  devicesBody.replaceChildren(...devices.map(deviceRow));
}

function deviceRow(d) {
  const row = document.createElement('tr');
  row.dataset.device = d.id;
  const name = d.name ? `${d.name.zh} ${d.name.en}` : d.registered ? d.id : `${d.id} (unregistered 未登记)`;
  for (const [text, cls] of [[name], [d.site], [d.profile ?? '—'], [d.connectivity, `connectivity-${d.connectivity}`], [d.lastSeen ?? '—']]) {
    const cell = document.createElement('td');
    cell.textContent = text;
    if (cls) cell.className = cls;
    row.append(cell);
  }
  return row;
}

function eventItem(e) {
  const item = document.createElement('li');
  item.className = `severity-${e.severity}`;
  item.dataset.kind = e.kind;
  const time = document.createElement('time');
  time.dateTime = e.ts;
  time.textContent = new Date(e.ts).toLocaleTimeString();
  item.append(time, `${e.kind} ${e.subject ?? ''}`);
  return item;
}

async function loadTimeline() {
  const response = await fetch('/api/v1/timeline?limit=50');
  const { events } = await response.json();
  timeline.replaceChildren(...events.map(eventItem));
}

function follow() {
  const source = new EventSource('/api/v1/timeline/live');
  source.onopen = () => { feedState.dataset.state = 'live'; feedState.textContent = 'live 实时'; };
  source.onerror = () => { feedState.dataset.state = 'lost'; feedState.textContent = 'reconnecting 重连中…'; };
  source.addEventListener('timeline', (message) => {
    timeline.prepend(eventItem(JSON.parse(message.data)));
    while (timeline.children.length > MAX_EVENTS) timeline.lastChild.remove();
    if (message.data.includes('"device.')) loadDevices();
  });
}

// Log-in: the hub answers 401 without a session; the form opens one (an HttpOnly cookie) and the
// screen starts. With log-in off, /api/v1/session says so (404) and the screen starts at once.
const loginForm = document.querySelector('#login');
const screen = document.querySelector('#screen');
const who = document.querySelector('#who');

async function start() {
  loginForm.hidden = true;
  screen.hidden = false;
  await Promise.all([loadDevices(), loadTimeline()]);
  follow();
}

loginForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(loginForm);
  const response = await fetch('/api/v1/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: form.get('username'), password: form.get('password') }),
  });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    document.querySelector('#login-error').textContent =
      response.status === 429 ? '尝试过多，请稍后 Too many attempts, wait a minute' : body.error?.message ?? '登录失败 Log-in failed';
    return;
  }
  const session = await response.json();
  who.textContent = `${session.displayName ?? session.username} (${session.role})`;
  await start();
});

const session = await fetch('/api/v1/session');
if (session.status === 401) {
  loginForm.hidden = false;
} else {
  if (session.ok) {
    const me = await session.json();
    who.textContent = `${me.displayName ?? me.username} (${me.role})`;
  }
  await start();
}
