// Small DOM helpers shared by the screens: every screen builds its rows with el() so text always goes
// in as text (never as HTML), which keeps device names and complaint summaries from being markup.

/** An element: el('td', {class: 'x', dataset: {device: 'p1'}}, 'text', child, …). */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name === 'class') element.className = value;
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children.flat().filter((c) => c !== undefined && c !== null && c !== false));
  return element;
}

/** A button that does something when pressed. */
export function button(text, action, attributes = {}) {
  return el('button', { type: 'button', onclick: action, ...attributes }, text);
}

/**
 * Opens a modal dialog built from fields [{name, label, type, options, required, value}] and
 * resolves with the entered values, or null when cancelled. Used for shelve, comment and the
 * work-order steps that need a note.
 */
export function ask(title, fields, okText, cancelText) {
  return new Promise((resolve) => {
    const form = el('form', { method: 'dialog' }, el('h3', {}, title));
    for (const f of fields) {
      let input;
      if (f.options) {
        input = el('select', { name: f.name }, f.options.map(([value, text]) => el('option', { value, selected: value === f.value }, text)));
      } else if (f.type === 'checkbox') {
        input = el('input', { name: f.name, type: 'checkbox', checked: f.value === true });
      } else {
        input = el('input', { name: f.name, type: f.type ?? 'text', required: f.required, maxlength: f.maxlength ?? 500, value: f.value, min: f.min, max: f.max });
      }
      form.append(el('label', {}, el('span', {}, f.label), input));
    }
    // Cancel is a plain button, so that Enter in a field submits with OK (the form's first submit button)
    const dialog = el('dialog', {}, form);
    form.append(el('menu', {}, button(cancelText, () => dialog.close('cancel')), el('button', { value: 'ok' }, okText)));
    dialog.addEventListener('close', () => {
      const values = Object.fromEntries(fields.map((f) => [f.name, f.type === 'checkbox' ? form.elements[f.name].checked : form.elements[f.name].value]));
      dialog.remove();
      resolve(dialog.returnValue === 'ok' ? values : null);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
