// @vitest-environment jsdom
// The timeline keeps its drawing when only the brushed range changes, and redraws when what it shows changes.

import { describe, expect, it } from 'vitest';
import { drawTimeline, type TimeRow, type TimelineOptions } from '../../src/lib/charts/timeline.ts';

const DAY = 86_400_000;
const start = Date.UTC(2026, 8, 1);
const rows: TimeRow[] = [0, 1, 2, 3].flatMap((d) => [{ x: start + d * DAY, series: 'm365', n: 10 + d }, { x: start + d * DAY, series: 'github', n: 3 }]);
const colour = () => '#0072B2';
const options = (selection: [number, number] | null, extra: Partial<TimelineOptions> = {}): TimelineOptions =>
  ({ title: 'Events', step: DAY, colour, domain: [start, start + 3 * DAY], selection, onBrush: () => {}, ...extra });

const brushWidth = (el: HTMLElement) => Number(el.querySelector('.brush .selection')?.getAttribute('width') ?? 0);
const brushShown = (el: HTMLElement) => (el.querySelector('.brush .selection') as SVGElement | null)?.style.display !== 'none';

describe('drawTimeline', () => {
  it('moves only the brush when the bars are the same, and rebuilds when the bars or their look change', () => {
    const el = document.createElement('div');
    document.body.append(el);
    drawTimeline(el, rows, options([start, start + DAY]));
    const svg = el.querySelector('svg');
    const narrow = brushWidth(el);
    expect(narrow).toBeGreaterThan(0);

    drawTimeline(el, rows.map((r) => ({ ...r })), options([start, start + 3 * DAY]));
    expect(el.querySelector('svg')).toBe(svg);
    expect(brushWidth(el)).toBeGreaterThan(narrow * 2);

    drawTimeline(el, rows, options(null));
    expect(el.querySelector('svg')).toBe(svg);
    expect(brushShown(el)).toBe(false);

    drawTimeline(el, rows.map((r, i) => (i === 0 ? { ...r, n: r.n + 1 } : r)), options(null));
    const rebuilt = el.querySelector('svg');
    expect(rebuilt).not.toBe(svg);
    expect(el.querySelectorAll('svg')).toHaveLength(1);

    drawTimeline(el, rows.map((r, i) => (i === 0 ? { ...r, n: r.n + 1 } : r)), options(null, { colour: () => '#E69F00' }));
    expect(el.querySelector('svg')).not.toBe(rebuilt);
    expect(el.querySelector('.bars g')?.getAttribute('fill')).toBe('#E69F00');
  });
});
