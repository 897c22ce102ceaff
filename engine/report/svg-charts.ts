import { escapeHtml } from './escape.js';

/** One bar: a label, its value and the fill colour (a CSS colour the report chooses, never journal text). */
export type Bar = { readonly label: string; readonly value: number; readonly color?: string };

const ROW = 22;
const LABEL_W = 150;
const VALUE_W = 56;
const WIDTH = 480;

/** Shorten a label to about `max` characters so it fits its column (the full text stays in the tooltip). */
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * A horizontal bar chart as inline SVG: no script, no fonts or images to fetch, scales with the
 * page and prints. Labels come from the journal, so every one is escaped; each bar carries a
 * `<title>` with its full label and value for screen readers and hover.
 */
export function barChart(title: string, bars: readonly Bar[]): string {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const plotW = WIDTH - LABEL_W - VALUE_W;
  const height = Math.max(1, bars.length) * ROW + 8;
  const rows = bars.map((b, i) => {
    const y = 4 + i * ROW;
    const w = b.value === 0 ? 0 : Math.max(2, (b.value / max) * plotW);
    const label = escapeHtml(clip(b.label, 22));
    return (
      `<g><title>${escapeHtml(`${b.label}: ${b.value}`)}</title>` +
      `<text x="${LABEL_W - 8}" y="${y + 15}" text-anchor="end" class="lbl">${label}</text>` +
      `<rect x="${LABEL_W}" y="${y + 3}" width="${w.toFixed(1)}" height="${ROW - 8}" rx="2" fill="${b.color ?? '#3b6ea8'}"/>` +
      `<text x="${(LABEL_W + w + 6).toFixed(1)}" y="${y + 15}" class="val">${b.value}</text></g>`
    );
  });
  const empty = bars.length === 0 ? `<text x="${LABEL_W}" y="18" class="val">nothing to show</text>` : '';
  return (
    `<figure class="chart"><figcaption>${escapeHtml(title)}</figcaption>` +
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${escapeHtml(title)}">` +
    `<line x1="${LABEL_W}" y1="0" x2="${LABEL_W}" y2="${height}" stroke="#999" stroke-width="1"/>` +
    rows.join('') +
    empty +
    `</svg></figure>`
  );
}
