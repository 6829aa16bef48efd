// Horizontal bar charts as inline SVG, drawn here: no library, nothing fetched. Each chart is an image with a
// text alternative (title + description listing every value), and the figures are also in a table on the page.
import { h, s } from './dom.js';

/**
 * barChart({id, caption, bars: [{label, value, note?}], max?}) -> <figure>.
 * Labels sit above their bar so long names never collide with it on a narrow screen.
 */
export function barChart({ id, caption, bars, max }) {
  const width = 400;
  const row = 42;
  const top = 4;
  const barHeight = 16;
  const valueRoom = 90;
  const scaleMax = Math.max(max ?? 0, ...bars.map((b) => b.value), 1);
  const height = top + bars.length * row + 4;
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const description = bars.map((b) => `${b.label}: ${b.value}${b.note ? ` (${b.note})` : ''}`).join('; ');

  const svg = s('svg', {
    viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': `${titleId} ${descId}`,
    xmlns: 'http://www.w3.org/2000/svg', 'font-family': 'system-ui, sans-serif',
  },
  s('title', { id: titleId }, caption),
  s('desc', { id: descId }, description),
  bars.map((bar, i) => {
    const y = top + i * row;
    const length = Math.round(((width - valueRoom) * bar.value) / scaleMax);
    return s('g', { class: 'bar' },
      s('text', { x: 0, y: y + 13, 'font-size': 13, fill: '#1b1f24' }, bar.label),
      s('rect', { x: 0, y: y + 18, width: width - valueRoom, height: barHeight, fill: '#e4e8ee', rx: 2 }),
      s('rect', { x: 0, y: y + 18, width: Math.max(length, bar.value > 0 ? 2 : 0), height: barHeight, fill: '#1d4f7a', rx: 2 }),
      s('text', { x: width - valueRoom + 6, y: y + 31, 'font-size': 13, 'font-weight': 700, fill: '#1b1f24' },
        bar.note ? `${bar.value} (${bar.note})` : String(bar.value)));
  }));
  return h('figure', { class: 'chart', id }, h('figcaption', {}, caption), svg);
}
