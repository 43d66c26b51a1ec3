// Groups of one period ranked by a metric, with the whole scope as a dashed reference line. A bar is a button
// (click, Enter, Space) that picks the group for the other views.

import * as d3 from 'd3';
import { frame, tooltip } from '../../charts/frame.ts';
import { groupLabel, people } from '../labels.ts';
import type { TrendPoint } from '../views.ts';

export interface GroupBarsOptions {
  title: string;
  colour: (group: string) => string;
  format: (value: number) => string;
  scope: TrendPoint | null;
  max?: number;
  selected?: string | null;
  onSelect?: (group: string) => void;
}

const ROW = 26;

export function drawGroupBars(el: HTMLElement, rows: TrendPoint[], o: GroupBarsOptions): void {
  const m = { top: o.scope ? 20 : 6, bottom: 6 };
  const { svg, width } = frame(el, m.top + rows.length * ROW + m.bottom, o.title, o.onSelect ? 'group' : 'img');
  const labelWidth = Math.min(220, Math.max(110, width * 0.3));
  const valueWidth = 70;
  const top = o.max ?? Math.max(d3.max(rows, (r) => r.value) ?? 0, o.scope?.value ?? 0, 1e-9);
  const x = d3.scaleLinear().domain([0, top]).range([labelWidth, width - valueWidth]);
  const tip = tooltip(el);

  // the reference goes under the bars, so their value labels stay readable where they cross it
  if (o.scope) {
    const at = x(o.scope.value);
    svg.append('line').attr('class', 'reference').attr('x1', at).attr('x2', at).attr('y1', m.top - 4).attr('y2', m.top + rows.length * ROW);
    svg.append('text').attr('class', 'axis-label').attr('x', at).attr('y', m.top - 8).attr('text-anchor', at > width - 160 ? 'end' : 'start')
      .text(`Everyone in scope: ${o.format(o.scope.value)}`);
  }
  const bar = svg.append('g').selectAll('g').data(rows).join('g')
    .attr('class', (r) => `rank${o.selected && r.group !== o.selected ? ' faded' : ''}${r.group === o.selected ? ' chosen' : ''}`)
    .attr('transform', (_r, i) => `translate(0,${m.top + i * ROW})`)
    // the page's contract for published cells: each bar is one
    .attr('data-testid', 'agg-cell').attr('data-group', (r) => r.group).attr('data-period', (r) => r.period)
    .attr('data-members', (r) => r.members).attr('data-value', (r) => r.value);
  const btn = bar.append('g').attr('class', 'btn');
  btn.append('rect').attr('class', 'hit').attr('width', width).attr('height', ROW).attr('fill', 'transparent');
  btn.append('text').attr('class', 'label').attr('x', labelWidth - 8).attr('y', ROW / 2).attr('dy', '0.35em').attr('text-anchor', 'end')
    .text((r) => clip(groupLabel(r.group), labelWidth - 12));
  btn.append('rect').attr('class', 'bar').attr('x', labelWidth).attr('y', 5).attr('height', ROW - 10).attr('rx', 2)
    .attr('width', (r) => Math.max(1, x(r.value) - labelWidth)).attr('fill', (r) => o.colour(r.group));
  bar.append('text').attr('class', 'value').attr('x', (r) => x(r.value) + 6).attr('y', ROW / 2).attr('dy', '0.35em').text((r) => o.format(r.value));
  bar.on('mousemove', (event: MouseEvent, r) => tip.show(event, [groupLabel(r.group), `${o.format(r.value)} · ${people(r.members)}`]))
    .on('mouseleave', () => tip.hide());

  if (!o.onSelect) return;
  const onSelect = o.onSelect;
  btn.attr('role', 'button').attr('tabindex', 0).attr('aria-pressed', (r) => String(r.group === o.selected))
    .attr('aria-label', (r) => {
      const shown = clip(groupLabel(r.group), labelWidth - 12);
      return `${shown}${shown !== groupLabel(r.group) ? ` (${groupLabel(r.group)})` : ''}: ${o.format(r.value)}, ${people(r.members)}. ${r.group === o.selected ? 'Selected' : 'Select this group'}`;
    })
    .on('click', (_e, r) => onSelect(r.group))
    .on('keydown', (event: KeyboardEvent, r) => {
      if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); onSelect(r.group); }
    });
}

function clip(text: string, px: number): string {
  const max = Math.max(4, Math.floor(px / 6.6));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
