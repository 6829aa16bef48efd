// Building DOM safely: text always goes in through textContent, never innerHTML, so a name like
// "<img onerror=...>" from the server is shown as text.

/** h('p', {class: 'x'}, 'text', child) -> element. Attributes starting with "on" take listeners. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVG = 'http://www.w3.org/2000/svg';
/** The same for SVG elements (charts). */
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el, attrs) {
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'text') el.textContent = String(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export const $ = (selector, root = document) => root.querySelector(selector);

/** "graduated-not-placed" -> "graduated not placed". */
export const words = (kebab) => String(kebab ?? '').replaceAll('-', ' ');
export const capital = (text) => (text ? text[0].toUpperCase() + text.slice(1) : '');

/** 0.8333 -> "83.3%"; null -> "n/a". */
export function percent(rate) {
  if (rate === null || rate === undefined) return 'n/a';
  return `${(rate * 100).toFixed(1).replace(/\.0$/, '')}%`;
}

/** ISO date (yyyy-MM-dd) as a person reads it, in English, without time-zone drift. */
export function formatDate(iso) {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
}

export function formatTimestamp(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}

export function todayIso() {
  return new Date().toISOString().slice(0, 10);
}

export function daysSince(iso) {
  if (!iso) return null;
  return Math.floor((Date.now() - Date.parse(`${iso.slice(0, 10)}T00:00:00Z`)) / 86400000);
}
