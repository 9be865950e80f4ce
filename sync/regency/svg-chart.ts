// Charts for the regency's server-rendered pages, drawn as inline SVG strings: horizontal bars
// (stacked or side by side) and lines. No library: the maintained chart libraries need a DOM
// (Chartist, Observable Plot) or bring dozens of packages (Vega); these pages have no script and
// a CSP of `default-src 'none'`, so the SVG is written here, every text escaped
// (docs/decisions/0021). Colour is never the only sign: every chart has a legend in words, every
// bar its number, and the page shows the table behind it.
import { escapeHtml as e } from './dashboard-page';

export interface ChartSeries {
  name: string;
  colour: string;
}

export interface BarGroup {
  label: string;
  /** One value per series, in the series' order. */
  values: readonly number[];
}

const FONT = 'font-family="system-ui, sans-serif" font-size="12"';
const number = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });

/**
 * Axis ticks from `low` to at least `high`: a round step (1, 2 or 5 × a power of ten) giving at
 * most five intervals, so the numbers on the axis are ones a reader says aloud.
 */
export function axisTicks(low: number, high: number, minStep = 0): number[] {
  const span = high - low;
  if (!(span > 0)) return [low, low + Math.max(1, minStep)];
  const raw = span / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  // Never finer than the numbers are shown (a count has no 0.2; a day is shown to a tenth).
  const step = Math.max(
    minStep,
    [1, 2, 5, 10].map((m) => m * power).find((m) => m >= raw)!,
  );
  const first = Math.floor(low / step) * step;
  const ticks = [first];
  while (ticks.at(-1)! < high) ticks.push(first + ticks.length * step);
  return ticks;
}

const LEGEND_ROW = 18;

/** The legend in words, wrapped to `width`; its height is `rows × LEGEND_ROW`. */
function legend(series: readonly ChartSeries[], width: number): { svg: string; rows: number } {
  let at = 0;
  let row = 0;
  const items = series.map((s) => {
    const itemWidth = 30 + s.name.length * 7;
    if (at > 0 && at + itemWidth > width) {
      at = 0;
      row += 1;
    }
    const y = 14 + row * LEGEND_ROW;
    const item = `<rect x="${at}" y="${y - 10}" width="12" height="12" fill="${e(s.colour)}"/><text x="${at + 16}" y="${y}">${e(s.name)}</text>`;
    at += itemWidth;
    return item;
  });
  return { svg: items.join(''), rows: row + 1 };
}

function frame(title: string, width: number, height: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${e(title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT}><title>${e(title)}</title>${body}</svg>`;
}

/**
 * Horizontal bars, one row per group: `stacked` puts the series end to end (their sum is the
 * bar, printed at its end); otherwise each series is its own thin bar with its own number.
 */
export function barChartSvg(options: {
  title: string;
  series: readonly ChartSeries[];
  groups: readonly BarGroup[];
  stacked: boolean;
  /** Printed after each number, e.g. ' hari'. */
  unit?: string;
  /** The smallest axis step: 1 (counts) unless told, 0.1 for days shown to a tenth. */
  minStep?: number;
  width?: number;
}): string {
  const { series, groups, stacked } = options;
  const width = options.width ?? 600;
  const labelWidth = 150;
  const plot = width - labelWidth - 70;
  const barHeight = stacked ? 16 : 10;
  const rowHeight = stacked ? 24 : series.length * (barHeight + 2) + 8;
  const key = legend(series, width);
  const top = key.rows * LEGEND_ROW + 10;
  const height = top + groups.length * rowHeight + 26;
  const totals = groups.map((g) => g.values.reduce((a, b) => a + b, 0));
  const highest = Math.max(0, ...(stacked ? totals : groups.flatMap((g) => g.values)));
  const ticks = axisTicks(0, highest, options.minStep ?? 1);
  const max = ticks.at(-1)!;
  const scale = (v: number) => (v / max) * plot;
  const unit = options.unit ?? '';
  const parts: string[] = [key.svg];
  for (const tick of ticks) {
    const x = labelWidth + (tick / max) * plot;
    parts.push(
      `<line x1="${x.toFixed(1)}" y1="${top - 4}" x2="${x.toFixed(1)}" y2="${height - 22}" stroke="#ccc"/><text x="${x.toFixed(1)}" y="${height - 8}" text-anchor="middle" fill="#444">${e(number.format(tick))}</text>`,
    );
  }
  groups.forEach((g, i) => {
    const y = top + i * rowHeight;
    parts.push(
      `<text x="${labelWidth - 6}" y="${y + (stacked ? barHeight - 3 : rowHeight / 2)}" text-anchor="end">${e(g.label.length > 26 ? g.label.slice(0, 25) + '…' : g.label)}</text>`,
    );
    if (stacked) {
      let x = labelWidth;
      g.values.forEach((v, s) => {
        if (v <= 0) return;
        const w = scale(v);
        parts.push(
          `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${e(series[s]!.colour)}"><title>${e(`${g.label} — ${series[s]!.name}: ${number.format(v)}${unit}`)}</title></rect>`,
        );
        x += w;
      });
      parts.push(
        `<text x="${(x + 4).toFixed(1)}" y="${y + barHeight - 3}">${e(number.format(totals[i]!) + unit)}</text>`,
      );
    } else {
      g.values.forEach((v, s) => {
        const by = y + s * (barHeight + 2);
        const w = scale(v);
        parts.push(
          `<rect x="${labelWidth}" y="${by}" width="${w.toFixed(1)}" height="${barHeight}" fill="${e(series[s]!.colour)}"><title>${e(`${g.label} — ${series[s]!.name}: ${number.format(v)}${unit}`)}</title></rect><text x="${(labelWidth + w + 4).toFixed(1)}" y="${by + barHeight - 1}" font-size="10">${e(number.format(v) + unit)}</text>`,
        );
      });
    }
  });
  return frame(options.title, width, height, parts.join(''));
}

/**
 * Lines over labelled points (months); a null value is a gap, the last value is printed. The
 * axis spans the values (not from zero): a population moves by tenths of a percent a month.
 */
export function lineChartSvg(options: {
  title: string;
  xLabels: readonly string[];
  lines: readonly (ChartSeries & { values: readonly (number | null)[] })[];
  width?: number;
  height?: number;
}): string {
  const width = options.width ?? 600;
  const height = options.height ?? 260;
  const left = 70;
  const right = 60;
  const key = legend(options.lines, width);
  const top = key.rows * LEGEND_ROW + 12;
  const bottom = 30;
  const values = options.lines.flatMap((l) => l.values.filter((v): v is number => v !== null));
  const ticks = axisTicks(values.length ? Math.min(...values) : 0, Math.max(0, ...values));
  const low = ticks[0]!;
  const high = ticks.at(-1)!;
  const n = options.xLabels.length;
  const x = (i: number) => left + (n <= 1 ? 0 : (i / (n - 1)) * (width - left - right));
  const y = (v: number) => top + (1 - (v - low) / (high - low)) * (height - top - bottom);
  const parts: string[] = [key.svg];
  for (const tick of ticks) {
    parts.push(
      `<line x1="${left}" y1="${y(tick).toFixed(1)}" x2="${width - right}" y2="${y(tick).toFixed(1)}" stroke="#ddd"/><text x="${left - 6}" y="${(y(tick) + 4).toFixed(1)}" text-anchor="end" fill="#444">${e(number.format(tick))}</text>`,
    );
  }
  options.xLabels.forEach((label, i) => {
    parts.push(
      `<text x="${x(i).toFixed(1)}" y="${height - 10}" text-anchor="middle" fill="#444" font-size="11">${e(label)}</text>`,
    );
  });
  for (const line of options.lines) {
    let d = '';
    let pen = false;
    line.values.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)} `;
      pen = true;
      parts.push(
        `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${e(line.colour)}"><title>${e(`${line.name}, ${options.xLabels[i]}: ${number.format(v)}`)}</title></circle>`,
      );
    });
    if (d) {
      parts.push(`<path d="${d.trim()}" fill="none" stroke="${e(line.colour)}" stroke-width="2"/>`);
    }
    const lastAt = line.values.findLastIndex((v) => v !== null);
    if (lastAt >= 0) {
      parts.push(
        `<text x="${x(lastAt) + 6}" y="${y(line.values[lastAt]!) + 4}">${e(number.format(line.values[lastAt]!))}</text>`,
      );
    }
  }
  return frame(options.title, width, height, parts.join(''));
}

/** A small line for a table cell: the shape of a series, without axes (the cells hold numbers). */
export function sparklineSvg(title: string, values: readonly (number | null)[]): string {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return '';
  const width = 120;
  const height = 24;
  const min = Math.min(...known);
  const span = Math.max(...known) - min || 1;
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    const px = 2 + (values.length <= 1 ? 0 : (i / (values.length - 1)) * (width - 4));
    const py = height - 3 - ((v - min) / span) * (height - 6);
    d += `${pen ? 'L' : 'M'}${px.toFixed(1)} ${py.toFixed(1)} `;
    pen = true;
  });
  return frame(
    title,
    width,
    height,
    `<path d="${d.trim()}" fill="none" stroke="#1f5f8b" stroke-width="1.5"/>`,
  );
}
