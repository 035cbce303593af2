/**
 * A hand-written SVG plot of CDFs on a log-scale time axis, in the manner of the
 * Raft paper's Figure 16. Pure string building: no DOM.
 */

/** One line of the plot. */
export interface CdfSeries {
  label: string;
  /** [value ms, cumulative fraction], ascending. */
  cdf: readonly (readonly [number, number])[];
}

/** Plot options. */
export interface CdfPlotOptions {
  title: string;
  /** Left end of the log axis, ms (default 10). */
  xMinMs?: number;
  /** Right end of the log axis, ms (default 100 000). */
  xMaxMs?: number;
  widthPx?: number;
  heightPx?: number;
}

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b'];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Render CDF lines (x: time in ms, log scale; y: cumulative percent) as an SVG document. */
export function renderCdfSvg(series: readonly CdfSeries[], o: CdfPlotOptions): string {
  const W = o.widthPx ?? 760;
  const H = o.heightPx ?? 360;
  const m = { l: 56, r: 230, t: 32, b: 44 };
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  const lo = Math.log10(o.xMinMs ?? 10);
  const hi = Math.log10(o.xMaxMs ?? 100_000);
  const x = (ms: number): number => m.l + ((Math.log10(Math.min(Math.max(ms, 10 ** lo), 10 ** hi)) - lo) / (hi - lo)) * pw;
  const y = (f: number): number => m.t + (1 - f) * ph;
  const r = (v: number): string => v.toFixed(1);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`);
  parts.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  parts.push(`<text x="${m.l}" y="18" font-size="13" font-weight="bold">${esc(o.title)}</text>`);
  for (let d = Math.ceil(lo); d <= Math.floor(hi); d++) {
    const xv = x(10 ** d);
    parts.push(`<line x1="${r(xv)}" y1="${m.t}" x2="${r(xv)}" y2="${m.t + ph}" stroke="#ddd"/>`);
    parts.push(`<text x="${r(xv)}" y="${m.t + ph + 14}" text-anchor="middle">${10 ** d >= 1000 ? `${10 ** d / 1000}s` : `${10 ** d}ms`}</text>`);
  }
  for (let p = 0; p <= 100; p += 20) {
    parts.push(`<line x1="${m.l}" y1="${r(y(p / 100))}" x2="${m.l + pw}" y2="${r(y(p / 100))}" stroke="#eee"/>`);
    parts.push(`<text x="${m.l - 6}" y="${r(y(p / 100) + 4)}" text-anchor="end">${p}%</text>`);
  }
  parts.push(`<rect x="${m.l}" y="${m.t}" width="${pw}" height="${ph}" fill="none" stroke="#333"/>`);
  parts.push(`<text x="${m.l + pw / 2}" y="${H - 8}" text-anchor="middle">time without leader (log scale)</text>`);
  parts.push(`<text transform="translate(14 ${m.t + ph / 2}) rotate(-90)" text-anchor="middle">cumulative percent of trials</text>`);
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    if (s.cdf.length > 0) {
      let d = `M${r(x(s.cdf[0][0]))},${r(y(0))}`;
      let prev = 0;
      for (const [v, f] of s.cdf) {
        d += ` L${r(x(v))},${r(y(prev))} L${r(x(v))},${r(y(f))}`;
        prev = f;
      }
      parts.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="1.6"/>`);
    }
    const ly = m.t + 12 + i * 16;
    parts.push(`<line x1="${m.l + pw + 12}" y1="${ly - 4}" x2="${m.l + pw + 32}" y2="${ly - 4}" stroke="${color}" stroke-width="2"/>`);
    parts.push(`<text x="${m.l + pw + 36}" y="${ly}">${esc(s.label)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
