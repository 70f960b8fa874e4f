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

await Promise.all([loadDevices(), loadTimeline()]);
follow();
