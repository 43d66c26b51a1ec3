// A group's weekday × hour pattern: the mean share of its members' timestamped actions in each hour slot of
// their own local time. Darker is busier on the light theme, brighter (cividis) on the dark one.

import * as d3 from 'd3';
import { chartWidth, frame, tooltip } from '../../charts/frame.ts';
import { WEEKDAYS } from '../exports.ts';
import { formatShare } from '../labels.ts';
import type { SlotValue } from '../views.ts';

let drawn = 0;
const hh = (h: number) => String(h).padStart(2, '0');

export function drawActivityHeatmap(el: HTMLElement, rows: SlotValue[], o: { title: string; dark?: boolean }): void {
  const m = { top: 8, right: 12, bottom: 48, left: 40 };
  const probe = chartWidth(el);
  const cell = Math.max(8, Math.min(40, Math.floor((probe - m.left - m.right) / 24)));
  const { svg } = frame(el, m.top + cell * 7 + m.bottom, o.title);
  const max = d3.max(rows, (r) => r.share) || 0.01;
  const colour = d3.scaleSequential(o.dark ? d3.interpolateCividis : (t: number) => d3.interpolateBlues(0.12 + 0.88 * t)).domain([0, max]);
  const tip = tooltip(el);

  svg.append('g').selectAll('rect').data(rows).join('rect')
    .attr('x', (c) => m.left + c.hour * cell).attr('y', (c) => m.top + (c.weekday - 1) * cell)
    .attr('width', cell - 1).attr('height', cell - 1).attr('rx', 2)
    .attr('fill', (c) => (c.share > 0 ? colour(c.share) : 'none')).attr('class', (c) => (c.share > 0 ? 'cell' : 'cell empty'))
    .on('mousemove', (event: MouseEvent, c) => tip.show(event, [`${WEEKDAYS[c.weekday - 1]} ${hh(c.hour)}:00–${hh(c.hour)}:59 local time`, `${formatShare(c.share)} of the group’s actions`]))
    .on('mouseleave', () => tip.hide());
  svg.append('g').attr('class', 'axis').selectAll('text').data(WEEKDAYS).join('text')
    .attr('x', m.left - 6).attr('y', (_d, i) => m.top + i * cell + cell / 2).attr('dy', '0.35em').attr('text-anchor', 'end')
    .text((d) => d.slice(0, 3));
  svg.append('g').attr('class', 'axis').selectAll('text').data(d3.range(0, 24, cell < 16 ? 3 : 2)).join('text')
    .attr('x', (h) => m.left + h * cell + cell / 2).attr('y', m.top + 7 * cell + 14).attr('text-anchor', 'middle')
    .text((h) => hh(h));

  const id = `activity-scale-${++drawn}`;
  const grad = svg.append('defs').append('linearGradient').attr('id', id);
  for (const t of [0, 0.25, 0.5, 0.75, 1]) grad.append('stop').attr('offset', `${t * 100}%`).attr('stop-color', colour(t * max));
  const ly = m.top + 7 * cell + 26, lw = Math.min(180, cell * 8);
  svg.append('rect').attr('x', m.left).attr('y', ly).attr('width', lw).attr('height', 8).attr('rx', 2).attr('fill', `url(#${id})`);
  svg.append('text').attr('class', 'axis-label').attr('x', m.left + lw + 8).attr('y', ly + 4).attr('dy', '0.35em')
    .text(`0 – ${formatShare(max)} of actions per hour slot · each person’s local time`);
}
