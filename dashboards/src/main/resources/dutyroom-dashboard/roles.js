// What the logged-in role may do, so that the screen offers only the buttons the hub would accept.
// The same table as the hub's Access (docs/security.md): the hub still decides; this only spares a
// desk clerk buttons that would be refused. With log-in off there is no role (null): the hub then
// checks no role either, so everything is shown, as before.

const ENGINEERING = ['duty-engineer', 'supervisor', 'admin'];
const COMPLAINT_DESK = ['desk', 'supervisor', 'admin'];
const RULES = {
  alarms: ENGINEERING,
  workOrders: ENGINEERING,
  drills: ENGINEERING,
  complaints: COMPLAINT_DESK,
  residents: COMPLAINT_DESK,
};
let role = null;

export function setRole(code) {
  role = code ?? null;
}

/** Whether the current role may act on: alarms, workOrders, drills, complaints, residents. */
export function may(what) {
  return role === null || RULES[what].includes(role);
}
