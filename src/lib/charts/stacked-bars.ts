// Daily stacked bars by series: (element, rows) → SVG. No SQL, no engine: it only draws what it is given.

import * as d3 from 'd3';

export interface StackRow { x: number; series: string; n: number }
export interface StackOptions { colours: Record<string, string>; labels?: Record<string, string>; height?: number; title: string }

export function drawStackedBars(el: HTMLElement, rows: StackRow[], opts: StackOptions): void {
  const width = Math.max(320, el.clientWidth || 800);
  const height = opts.height ?? 240;
  const margin = { top: 12, right: 12, bottom: 28, left: 48 };
  const xs = [...new Set(rows.map((r) => r.x))].sort((a, b) => a - b);
  const series = [...new Set(rows.map((r) => r.series))].sort();
  const table = xs.map((x) => Object.fromEntries([['x', x], ...series.map((s) => [s, 0])])) as Record<string, number>[];
  const index = new Map(xs.map((x, i) => [x, i]));
  for (const r of rows) table[index.get(r.x)!][r.series] += r.n;
  const stacked = d3.stack<Record<string, number>>().keys(series)(table);

  const day = 86_400_000;
  const x = d3.scaleUtc().domain([xs[0] ?? 0, (xs.at(-1) ?? 0) + day]).range([margin.left, width - margin.right]);
  const y = d3.scaleLinear().domain([0, d3.max(stacked.at(-1) ?? [], (d) => d[1]) ?? 1]).nice().range([height - margin.bottom, margin.top]);
  const barWidth = Math.max(1, x(xs[0] + day) - x(xs[0]) - 1);

  const svg = d3.select(el).selectAll('svg').data([null]).join('svg')
    .attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height)
    .attr('role', 'img').attr('aria-label', opts.title);
  svg.selectAll('*').remove();
  svg.append('g').attr('transform', `translate(0,${height - margin.bottom})`).call(d3.axisBottom(x).ticks(Math.min(10, xs.length)).tickSizeOuter(0));
  svg.append('g').attr('transform', `translate(${margin.left},0)`).call(d3.axisLeft(y).ticks(5, 's'))
    .call((g) => g.select('.domain').remove());
  svg.append('g').selectAll('g').data(stacked).join('g')
    .attr('fill', (s) => opts.colours[s.key] ?? '#888')
    .selectAll('rect').data((s) => s.map((d) => ({ d, key: s.key }))).join('rect')
    .attr('x', ({ d }) => x(d.data.x)).attr('width', barWidth)
    .attr('y', ({ d }) => y(d[1])).attr('height', ({ d }) => Math.max(0, y(d[0]) - y(d[1])))
    .append('title').text(({ d, key }) => `${new Date(d.data.x).toISOString().slice(0, 10)} · ${opts.labels?.[key] ?? key}: ${d3.format(',')(d.data[key])}`);
}
