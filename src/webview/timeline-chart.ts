/**
 * The timeline chart, inside its webview: events on a time axis, one lane per source or per
 * entity; a day as a point, a coarser date as a bar of its extent; an event's reports joined by a
 * line; conflicting reports in the warning colour. Drawn with d3 (scales, axis, zoom) into SVG;
 * every text goes in as textContent. Only what is in view is drawn, so large corpora stay quick.
 */
import { select } from 'd3-selection';
import { scaleUtc } from 'd3-scale';
import { axisTop } from 'd3-axis';
import { zoom, zoomIdentity, type ZoomTransform } from 'd3-zoom';
import type { ChartData, ChartEvent, ChartReport } from '../core/index/chart-data';
import type { FromChart, ToChart } from './chart-protocol';

declare function acquireVsCodeApi(): {
  postMessage(message: FromChart): void;
  getState(): SavedState | undefined;
  setState(state: SavedState): void;
};

interface SavedState {
  lanes: 'source' | 'entity';
  entity: string;
  source: string;
  action: string;
}

const vscode = acquireVsCodeApi();
const DAY = 86_400_000;
const ROW = 24;
const LABEL = 190;
const AXIS = 28;
const MAX_ENTITY_LANES = 80;
const MAX_OPTIONS = 400;

/** A drawn mark: one report in one lane. */
interface Mark {
  readonly event: ChartEvent;
  readonly report: ChartReport | null;
  readonly lane: number;
  readonly from: number;
  readonly to: number;
  readonly point: boolean;
  readonly undated: boolean;
  readonly conflict: 'warning' | 'info' | null;
}

let data: ChartData | undefined;
let events: ChartEvent[] = [];
let lanes: string[] = [];
let marks: Mark[] = [];
let marksByEvent = new Map<string, Mark[]>();
let selected: string | undefined;
let transform: ZoomTransform = zoomIdentity;
const state: SavedState = vscode.getState() ?? { lanes: 'source', entity: '', source: '', action: '' };

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const lanesSelect = $<HTMLSelectElement>('lanes');
const entitySelect = $<HTMLSelectElement>('entity');
const sourceSelect = $<HTMLSelectElement>('source');
const actionSelect = $<HTMLSelectElement>('action');
const corpusSelect = $<HTMLSelectElement>('corpus');
const status = $<HTMLSpanElement>('status');
const scroller = $<HTMLDivElement>('scroller');
const tooltip = $<HTMLDivElement>('tooltip');
const axisSvg = select($('axis')).append('svg').attr('class', 'axis');
const axisG = axisSvg.append('g').attr('transform', `translate(${LABEL},${AXIS - 4})`);
const svg = select(scroller).append('svg').attr('class', 'lanes');
const laneG = svg.append('g').attr('class', 'lane-rows');
const plot = svg.append('g').attr('class', 'plot').attr('transform', `translate(${LABEL},0)`);
const linkG = plot.append('g').attr('class', 'links');
const markG = plot.append('g').attr('class', 'marks');
const labelG = svg.append('g').attr('class', 'labels');

const base = scaleUtc();
let x = base.copy();

function day(iso: string): number {
  const m = /^(-?\d+)-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return Number.NaN;
  const d = new Date(Date.UTC(2000, Number(m[2]) - 1, Number(m[3])));
  d.setUTCFullYear(Number(m[1]));
  return d.getTime();
}

function width(): number {
  return Math.max(200, scroller.clientWidth - LABEL - 12);
}

// ── zoom: x only, from the whole corpus down to a few days ─────────────────
const zoomer = zoom<SVGSVGElement, unknown>()
  .filter((e: Event) => (e.type === 'wheel' ? !(e as WheelEvent).shiftKey : !(e as MouseEvent).button))
  .on('zoom', (e: { transform: ZoomTransform }) => {
    transform = e.transform;
    x = transform.rescaleX(base);
    draw();
  });
svg.call(zoomer).on('dblclick.zoom', null);

function setExtent(): void {
  const [a, b] = base.domain() as [Date, Date];
  const span = Math.max(DAY, b.getTime() - a.getTime());
  // at the deepest zoom about three days fill the width
  zoomer.scaleExtent([0.5, Math.max(1, span / (3 * DAY))]).extent([
    [0, 0],
    [width(), 1],
  ]);
}

// ── data → lanes and marks ─────────────────────────────────────────────────
function rebuild(): void {
  if (!data) return;
  const d = data;
  const entity = state.entity === '' ? -1 : d.entities.findIndex((e) => e.id === state.entity);
  const source = state.source === '' ? -1 : d.sources.indexOf(state.source);
  const action = state.action === '' ? -1 : d.actions.indexOf(state.action);
  events = d.events.filter(
    (e) =>
      (entity < 0 || e.entities.includes(entity)) &&
      (action < 0 || e.action === action) &&
      (source < 0 || e.reports.some((r) => d.documents[r.document]!.source === source)),
  );
  marks = [];
  marksByEvent = new Map();
  const add = (m: Mark): void => {
    marks.push(m);
    const list = marksByEvent.get(m.event.key);
    if (list) list.push(m);
    else marksByEvent.set(m.event.key, [m]);
  };
  const extent = (e: ChartEvent, r: ChartReport | null): [number, number] => {
    const from = day(r?.from ?? e.from);
    const to = day(r?.to ?? e.to);
    return [from, (Number.isNaN(to) ? from : to) + DAY];
  };
  if (state.lanes === 'source') {
    const used = new Map<number, number>();
    for (const e of events)
      for (const r of e.reports) {
        const s = d.documents[r.document]!.source;
        used.set(s, (used.get(s) ?? 0) + 1);
      }
    const order = [...used.keys()].sort((a, b) => used.get(b)! - used.get(a)! || a - b);
    const laneOf = new Map(order.map((s, i) => [s, i]));
    lanes = order.map((s) => d.sources[s]!);
    for (const e of events)
      for (const r of e.reports) {
        const [from, to] = extent(e, r);
        if (Number.isNaN(from)) continue;
        add({
          event: e,
          report: r,
          lane: laneOf.get(d.documents[r.document]!.source)!,
          from,
          to,
          point: r.from !== null ? r.granularity === 'day' && r.from === r.to : e.from === e.to,
          undated: r.from === null,
          conflict: r.conflict,
        });
      }
  } else {
    const used = new Map<number, number>();
    for (const e of events) for (const i of e.entities) used.set(i, (used.get(i) ?? 0) + 1);
    const order = [...used.keys()]
      .sort((a, b) => used.get(b)! - used.get(a)! || a - b)
      .slice(0, MAX_ENTITY_LANES);
    const laneOf = new Map(order.map((s, i) => [s, i]));
    lanes = order.map((i) => d.entities[i]!.name);
    for (const e of events) {
      const [from, to] = extent(e, null);
      if (Number.isNaN(from)) continue;
      for (const i of e.entities) {
        const lane = laneOf.get(i);
        if (lane === undefined) continue;
        add({
          event: e,
          report: null,
          lane,
          from,
          to,
          point: e.from === e.to,
          undated: false,
          conflict: e.conflict,
        });
      }
    }
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (const m of marks) {
    lo = Math.min(lo, m.from);
    hi = Math.max(hi, m.to);
  }
  if (marks.length === 0) {
    lo = Date.UTC(2000, 0, 1);
    hi = lo + 365 * DAY;
  }
  const pad = Math.max(2 * DAY, (hi - lo) * 0.03);
  const domain = [new Date(lo - pad), new Date(hi + pad)];
  const changed = base.domain().some((v, i) => v.getTime() !== domain[i]!.getTime());
  base.domain(domain).range([0, width()]);
  setExtent();
  if (changed) svg.call(zoomer.transform, zoomIdentity);
  else {
    x = transform.rescaleX(base);
    draw();
  }
  const total = d.events.length;
  status.textContent =
    `${events.length} of ${total} dated events · ${lanes.length} lanes` +
    (state.lanes === 'entity' && lanes.length === MAX_ENTITY_LANES ? ' (the busiest entities)' : '');
}

// ── drawing: only the lanes and times in view ──────────────────────────────
function laneY(lane: number): number {
  return lane * ROW + ROW / 2;
}

function draw(): void {
  const started = performance.now();
  const w = width();
  const height = Math.max(lanes.length * ROW, 40);
  svg.attr('width', LABEL + w + 8).attr('height', height);
  axisSvg.attr('width', LABEL + w + 8).attr('height', AXIS);
  axisG.call(axisTop(x).ticks(Math.max(2, Math.floor(w / 90))) as never);
  const top = scroller.scrollTop - ROW * 4;
  const bottom = scroller.scrollTop + scroller.clientHeight + ROW * 4;
  const firstLane = Math.max(0, Math.floor(top / ROW));
  const lastLane = Math.min(lanes.length - 1, Math.ceil(bottom / ROW));
  const [t0, t1] = (x.domain() as [Date, Date]).map((v) => v.getTime()) as [number, number];
  const visible = marks.filter(
    (m) => m.lane >= firstLane && m.lane <= lastLane && m.to >= t0 && m.from <= t1,
  );
  const laneRange = Array.from({ length: Math.max(0, lastLane - firstLane + 1) }, (_, i) => firstLane + i);

  laneG
    .selectAll<SVGRectElement, number>('rect')
    .data(laneRange, (l) => String(l))
    .join('rect')
    .attr('class', (l) => (l % 2 ? 'lane odd' : 'lane'))
    .attr('x', 0)
    .attr('y', (l) => l * ROW)
    .attr('width', LABEL + w)
    .attr('height', ROW);
  labelG
    .selectAll<SVGTextElement, number>('text')
    .data(laneRange, (l) => String(l))
    .join('text')
    .attr('class', 'lane-label')
    .attr('x', 6)
    .attr('y', (l) => laneY(l) + 4)
    .text((l) => clip(lanes[l] ?? '', 28))
    .each(function (l) {
      const t = this.querySelector('title') ?? this.appendChild(document.createElementNS(SVG_NS, 'title'));
      t.textContent = lanes[l] ?? '';
    });

  // a line through the reports of one event in different lanes
  const byEvent = new Map<string, Mark[]>();
  for (const m of visible) {
    const list = byEvent.get(m.event.key);
    if (list) list.push(m);
    else byEvent.set(m.event.key, [m]);
  }
  const links = [...byEvent.values()].filter((ms) => new Set(ms.map((m) => m.lane)).size > 1);
  linkG
    .selectAll<SVGPathElement, Mark[]>('path')
    .data(links, (ms) => ms[0]!.event.key)
    .join('path')
    .attr('class', (ms) => `link${ms[0]!.event.conflict ? ` conflict-${ms[0]!.event.conflict}` : ''}`)
    .attr('d', (ms) =>
      [...ms]
        .sort((a, b) => a.lane - b.lane)
        .map((m, i) => `${i ? 'L' : 'M'}${centre(m).toFixed(1)},${laneY(m.lane)}`)
        .join(''),
    );

  const groups = markG
    .selectAll<SVGGElement, Mark>('g.mark')
    .data(visible, (m) => `${m.event.key}|${m.lane}|${m.report?.document ?? ''}|${m.report?.start ?? ''}`)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'mark');
      g.append('rect');
      g.append('circle');
      g.append('title');
      return g;
    })
    .attr(
      'class',
      (m) =>
        `mark${m.point ? ' point' : ' bar'}${m.undated ? ' undated' : ''}${m.report?.plan ? ' plan' : ''}${m.conflict ? ` conflict-${m.conflict}` : ''}${m.event.key === selected ? ' selected' : ''}`,
    )
    .attr('data-event', (m) => m.event.key)
    .attr('data-lane', (m) => String(m.lane));
  groups
    .select('rect')
    .attr('x', (m) => x(m.from))
    .attr('y', (m) => laneY(m.lane) - 5)
    .attr('width', (m) => (m.point ? 0 : Math.max(4, x(m.to) - x(m.from))))
    .attr('height', (m) => (m.point ? 0 : 10))
    .attr('rx', 3);
  groups
    .select('circle')
    .attr('cx', (m) => centre(m))
    .attr('cy', (m) => laneY(m.lane))
    .attr('r', (m) => (m.point || m.undated ? 5.5 : 0));
  groups.select('title').text((m) => m.event.summary);
  const ms = performance.now() - started;
  clearTimeout(report);
  report = setTimeout(() => tellDrawn(ms), 60);
}

let report: ReturnType<typeof setTimeout> | undefined;

/** Tells the extension what is drawn, counted in the DOM (once a zoom or scroll settles). */
function tellDrawn(ms: number): void {
  const drawn = markG.node()!.querySelectorAll<SVGGElement>('g.mark');
  vscode.postMessage({
    type: 'drawn',
    events: new Set([...drawn].map((g) => g.dataset['event'])).size,
    reports: drawn.length,
    lanes: labelG.node()!.childElementCount,
    ms,
  });
}

const SVG_NS = 'http://www.w3.org/2000/svg';

function centre(m: Mark): number {
  return m.point || m.undated ? x(m.from + (m.to - m.from) / 2) : (x(m.from) + x(m.to)) / 2;
}

function clip(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}

// ── hover, click, keyboard ─────────────────────────────────────────────────
let sentenceRequest = 0;

function markOf(target: EventTarget | null): Mark | undefined {
  const g = (target as Element | null)?.closest?.('g.mark');
  return g ? (select(g).datum() as Mark) : undefined;
}

function showTooltip(m: Mark, at: { x: number; y: number }): void {
  const d = data!;
  tooltip.replaceChildren();
  const line = (cls: string, text: string): HTMLDivElement => {
    const div = document.createElement('div');
    div.className = cls;
    div.textContent = text;
    tooltip.append(div);
    return div;
  };
  line('summary', m.event.summary);
  line('when', m.event.from === m.event.to ? m.event.from : `${m.event.from} … ${m.event.to}`);
  const reports = m.report ? [m.report] : m.event.reports;
  for (const r of reports.slice(0, 4)) {
    const doc = d.documents[r.document]!;
    line(
      `source${r.conflict ? ` conflict-${r.conflict}` : ''}`,
      `${d.sources[doc.source]}${doc.title !== d.sources[doc.source] ? ` — ${doc.title}` : ''} · ${r.dateText ? `“${r.dateText}”` : 'undated here'}${r.plan ? ' · planned' : ''}${r.conflict ? ' · sources disagree' : ''}`,
    );
    const sentence = line('sentence', '…');
    const id = ++sentenceRequest;
    pending.set(id, sentence);
    vscode.postMessage({ type: 'sentence', id, document: doc.id, start: r.start, end: r.end });
  }
  if (reports.length > 4) line('more', `and ${reports.length - 4} more reports`);
  tooltip.hidden = false;
  const box = tooltip.getBoundingClientRect();
  tooltip.style.left = `${Math.min(at.x + 12, window.innerWidth - box.width - 8)}px`;
  tooltip.style.top = `${at.y + 16 + box.height > window.innerHeight ? at.y - box.height - 8 : at.y + 16}px`;
}

const pending = new Map<number, HTMLElement>();

svg.on('mouseover', (e: MouseEvent) => {
  const m = markOf(e.target);
  if (m) showTooltip(m, { x: e.clientX, y: e.clientY });
});
svg.on('mouseout', (e: MouseEvent) => {
  if (markOf(e.target)) tooltip.hidden = true;
});
svg.on('click', (e: MouseEvent) => {
  const m = markOf(e.target);
  if (!m) return;
  choose(m.event.key, true);
  open(m);
});

function open(m: Mark): void {
  const r = m.report ?? m.event.reports.find((x) => x.from !== null) ?? m.event.reports[0];
  if (!r) return;
  vscode.postMessage({ type: 'open', document: data!.documents[r.document]!.id, start: r.start, end: r.end });
}

/** Selects an event; `tell` says the extension should hear of it (a person chose it here). */
function choose(key: string, tell: boolean): void {
  selected = key;
  markG.selectAll<SVGGElement, Mark>('g.mark').classed('selected', (m) => m.event.key === key);
  const ev = events.find((e) => e.key === key);
  status.textContent = ev ? `${ev.summary} · ${ev.from === ev.to ? ev.from : `${ev.from} … ${ev.to}`}` : '';
  if (tell) vscode.postMessage({ type: 'select', key });
}

/** Scrolls and pans so an event's first mark is in view. */
function reveal(key: string): void {
  const ms = marksByEvent.get(key);
  if (!ms || ms.length === 0) return;
  const m = ms[0]!;
  const y = laneY(m.lane);
  if (y < scroller.scrollTop || y > scroller.scrollTop + scroller.clientHeight - ROW)
    scroller.scrollTop = Math.max(0, y - scroller.clientHeight / 2);
  const cx = centre(m);
  if (cx < 0 || cx > width()) svg.call(zoomer.translateBy, width() / 2 - cx, 0);
  else draw();
}

scroller.addEventListener('scroll', () => draw());
scroller.addEventListener('keydown', (e) => {
  const order = events.filter((ev) => marksByEvent.has(ev.key));
  const at = order.findIndex((ev) => ev.key === selected);
  const step = (n: number): void => {
    const next = order[Math.min(order.length - 1, Math.max(0, at < 0 ? 0 : at + n))];
    if (!next) return;
    choose(next.key, true);
    reveal(next.key);
  };
  switch (e.key) {
    case 'ArrowRight':
    case 'ArrowDown':
      step(1);
      break;
    case 'ArrowLeft':
    case 'ArrowUp':
      step(-1);
      break;
    case 'Home':
      step(-order.length);
      break;
    case 'End':
      step(order.length);
      break;
    case 'Enter':
    case ' ': {
      const m = selected ? marksByEvent.get(selected)?.[0] : undefined;
      if (m) open(m);
      break;
    }
    case '+':
    case '=':
      svg.call(zoomer.scaleBy, 2);
      break;
    case '-':
      svg.call(zoomer.scaleBy, 0.5);
      break;
    case '0':
      svg.call(zoomer.transform, zoomIdentity);
      break;
    case 'Escape':
      tooltip.hidden = true;
      return;
    default:
      return;
  }
  e.preventDefault();
});

// ── toolbar ────────────────────────────────────────────────────────────────
function fill(
  sel: HTMLSelectElement,
  all: string,
  items: readonly { value: string; label: string }[],
  current: string,
): void {
  sel.replaceChildren();
  const first = document.createElement('option');
  first.value = '';
  first.textContent = all;
  sel.append(first);
  for (const it of items.slice(0, MAX_OPTIONS)) {
    const o = document.createElement('option');
    o.value = it.value;
    o.textContent = it.label;
    sel.append(o);
  }
  // a filter from before that the list no longer shows still holds
  if (current !== '' && !items.slice(0, MAX_OPTIONS).some((it) => it.value === current)) {
    const o = document.createElement('option');
    o.value = current;
    o.textContent = current;
    sel.append(o);
  }
  sel.value = current;
}

function fillToolbar(): void {
  const d = data!;
  lanesSelect.value = state.lanes;
  fill(
    entitySelect,
    'All entities',
    d.entities.map((e) => ({ value: e.id, label: `${e.name} (${e.events})` })),
    state.entity,
  );
  fill(
    sourceSelect,
    'All sources',
    [...new Set(d.sources)].map((s) => ({ value: s, label: s })),
    state.source,
  );
  fill(
    actionSelect,
    'All actions',
    d.actions.map((a) => ({ value: a, label: a })),
    state.action,
  );
}

for (const [sel, field] of [
  [lanesSelect, 'lanes'],
  [entitySelect, 'entity'],
  [sourceSelect, 'source'],
  [actionSelect, 'action'],
] as const) {
  sel.addEventListener('change', () => {
    (state as unknown as Record<string, string>)[field] = sel.value;
    vscode.setState(state);
    rebuild();
  });
}
corpusSelect.addEventListener('change', () =>
  vscode.postMessage({ type: 'corpus', root: corpusSelect.value }),
);
$('fit').addEventListener('click', () => svg.call(zoomer.transform, zoomIdentity));
window.addEventListener('resize', () => {
  base.range([0, width()]);
  setExtent();
  x = transform.rescaleX(base);
  draw();
});

window.addEventListener('message', (e: MessageEvent<ToChart>) => {
  const msg = e.data;
  switch (msg.type) {
    case 'data':
      data = msg.data;
      corpusSelect.replaceChildren(
        ...msg.corpora.map((c) => {
          const o = document.createElement('option');
          o.value = c.root;
          o.textContent = c.name;
          return o;
        }),
      );
      corpusSelect.value = msg.corpus;
      corpusSelect.hidden = msg.corpora.length < 2;
      fillToolbar();
      rebuild();
      if (selected) choose(selected, false);
      break;
    case 'select':
      if (!marksByEvent.has(msg.key) && (state.entity || state.source || state.action)) {
        // the event is filtered out here: show everything rather than nothing
        state.entity = state.source = state.action = '';
        vscode.setState(state);
        fillToolbar();
        rebuild();
      }
      choose(msg.key, false);
      reveal(msg.key);
      break;
    case 'sentence': {
      const el = pending.get(msg.id);
      pending.delete(msg.id);
      if (el) el.textContent = msg.text;
      break;
    }
  }
});

vscode.postMessage({ type: 'ready' });
