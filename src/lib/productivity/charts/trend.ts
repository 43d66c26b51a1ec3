// A metric over time, one step line per group: each released value spans its whole period (a 4-week block or
// a week), and a withheld cell leaves a gap. Rows in, SVG out (the page's chart plumbing: frame, text-only
// tooltip, theme colours from CSS).

import * as d3 from 'd3';
import { frame, tooltip } from '../../charts/frame.ts';
import { groupLabel, people, periodLabel, periodStart } from '../labels.ts';
import type { TrendPoint } from '../views.ts';

export interface TrendOptions {
  title: string;
  groups: readonly string[];
  periods: readonly string[];
  colour: (group: string) => string;
  format: (value: number) => string;
  axisLabel: string;
  highlighted?: string | null;
  /** First and last day with audit events: the rest of the periods is shaded as without data. */
  span?: { first: string; last: string } | null;
  height?: number;
}

const WEEK = 7 * 86_400_000;
const periodEnd = (key: string) => periodStart(key) + Number(/P(\d+)W$/.exec(key)?.[1] ?? 1) * WEEK;
const tick = d3.utcFormat('%d %b');

export function drawTrend(el: HTMLElement, points: TrendPoint[], o: TrendOptions): void {
  const { svg, width, height } = frame(el, o.height ?? 220, o.title);
  const m = { top: 18, right: 16, bottom: 26, left: 60 };
  const x = d3.scaleUtc().domain([periodStart(o.periods[0]), periodEnd(o.periods[o.periods.length - 1])]).range([m.left, width - m.right]);
  const y = d3.scaleLinear().domain([0, d3.max(points, (p) => p.value) || 1]).nice().range([height - m.bottom, m.top]);
  const bounds = o.periods.map(periodStart);

  const [lo, hi] = x.domain().map(Number);
  const gaps = o.span ? [[lo, Date.parse(`${o.span.first}T00:00:00Z`)], [Date.parse(`${o.span.last}T00:00:00Z`) + 86_400_000, hi]] : [];
  const shade = svg.append('g').attr('class', 'nodata');
  for (const [a, b] of gaps.filter(([a, b]) => b > a)) {
    shade.append('rect').attr('x', x(a)).attr('width', x(b) - x(a)).attr('y', m.top).attr('height', height - m.bottom - m.top);
    if (x(b) - x(a) > 48) shade.append('text').attr('class', 'axis-label').attr('x', (x(a) + x(b)) / 2).attr('y', m.top + 12).attr('text-anchor', 'middle').text('no data');
  }
  svg.append('g').attr('class', 'grid').attr('transform', `translate(${m.left},0)`)
    .call(d3.axisLeft(y).ticks(4).tickSize(-(width - m.left - m.right)).tickFormat(() => ''))
    .call((g) => g.select('.domain').remove());
  const every = Math.max(1, Math.ceil(bounds.length / Math.max(1, Math.floor((width - m.left) / 64))));
  svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${height - m.bottom})`)
    .call(d3.axisBottom(x).tickValues([...bounds, periodEnd(o.periods[o.periods.length - 1])].filter((_t, i) => i % every === 0).map((t) => new Date(t)))
      .tickFormat((t) => tick(t as Date)).tickSizeOuter(0));
  svg.append('g').attr('class', 'axis').attr('transform', `translate(${m.left},0)`)
    .call(d3.axisLeft(y).ticks(4).tickFormat((v) => o.format(Number(v))))
    .call((g) => g.select('.domain').remove());
  svg.append('text').attr('class', 'axis-label').attr('x', m.left).attr('y', 10).text(o.axisLabel);

  const byGroup = d3.group(points, (p) => p.group);
  const faded = (g: string) => !!o.highlighted && g !== o.highlighted;
  const order = o.groups.filter((g) => byGroup.has(g)).sort((a, b) => Number(!faded(a)) - Number(!faded(b)));
  const line = d3.line<[number, number] | null>().defined((p) => p !== null).x((p) => x(p![0])).y((p) => y(p![1])).curve(d3.curveStepAfter);
  const steps = (g: string) => o.periods.flatMap((p, i): ([number, number] | null)[] => {
    const v = byGroup.get(g)!.find((q) => q.period === p)?.value;
    if (v === undefined) return [null];
    const next = o.periods[i + 1];
    const continues = next !== undefined && byGroup.get(g)!.some((q) => q.period === next);
    return continues ? [[periodStart(p), v]] : [[periodStart(p), v], [periodEnd(p), v]];
  });
  const series = svg.append('g').attr('class', 'trend').selectAll('g').data(order).join('g')
    .attr('class', (g) => `series${faded(g) ? ' faded' : ''}`);
  series.append('path').attr('fill', 'none').attr('stroke', (g) => o.colour(g)).attr('stroke-width', (g) => (g === o.highlighted ? 3.5 : 2))
    .attr('stroke-dasharray', (g) => (g === 'all' ? '6 3' : null)).attr('d', (g) => line(steps(g)));

  const tip = tooltip(el);
  series.selectAll('circle').data((g) => byGroup.get(g)!).join('circle')
    .attr('cx', (p) => x((periodStart(p.period) + periodEnd(p.period)) / 2)).attr('cy', (p) => y(p.value))
    .attr('r', (p) => (p.group === o.highlighted ? 5 : 3.5)).attr('fill', (p) => o.colour(p.group)).attr('class', 'point')
    .on('mousemove', (event: MouseEvent, p) => tip.show(event, [groupLabel(p.group), periodLabel(p.period), `${o.format(p.value)} · ${people(p.members)}`]))
    .on('mouseleave', () => tip.hide());
}
