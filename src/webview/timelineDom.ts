// The timeline's small DOM pieces: elements with text (never markup from data), status badges with
// the icons the extension drew, and the table of every sub-job that stands behind the chart.
import type { TimelineBar, TimelineView } from '../model/jobProtocol';

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const made = document.createElement(tag);
  if (className) made.className = className;
  if (text !== undefined) made.textContent = text;
  return made;
}

/** Sets a text only when it differs: an unchanged node is left alone (a screen reader is not told again). */
export function setText(target: HTMLElement, text: string): void {
  if (target.textContent !== text) target.textContent = text;
}

/** The status icons of the current view, each parsed once and cloned for every row. */
export class StatusIcons {
  private markup = new Map<string, string>();
  private readonly parsed = new Map<string, HTMLTemplateElement>();

  reset(pairs: ReadonlyArray<readonly [string, string]>): void {
    const next = new Map(pairs);
    if ([...next].every(([status, svg]) => this.markup.get(status) === svg) && next.size === this.markup.size) return;
    this.markup = next;
    this.parsed.clear();
  }

  /** The status's icon and its word: colour is never the only cue. */
  badge(bar: TimelineBar): HTMLElement {
    const badge = element('span', 'status-badge');
    badge.dataset.status = bar.status;
    badge.append(this.icon(bar.status), element('span', undefined, bar.statusText));
    return badge;
  }

  /** The badge in `host` shows the bar's status (replaced only when the status changed). */
  patchBadge(host: HTMLElement, bar: TimelineBar): void {
    const badge = host.querySelector<HTMLElement>('.status-badge');
    if (badge?.dataset.status === bar.status) return setText(badge.lastElementChild as HTMLElement, bar.statusText);
    const made = this.badge(bar);
    if (badge) badge.replaceWith(made);
    else host.append(made);
  }

  private icon(status: string): Node {
    let template = this.parsed.get(status);
    if (!template) {
      template = document.createElement('template');
      // The extension drew the icons (static SVG of its own), not the service.
      template.innerHTML = this.markup.get(status) ?? '';
      this.parsed.set(status, template);
    }
    return template.content.cloneNode(true);
  }
}

/** How long one slice of filling the table may hold the page: a click or a key waits no longer. */
const SLICE_MS = 12;

/**
 * Every sub-job as a table row, for screen readers and for reading values off. Made when shown,
 * then patched row by row (keyed by sub-job id) at each update: a reader stays where they are.
 * Rows are filled in slices of the page's time (aria-busy meanwhile): 2,000 rows made at once held
 * the page for over half a second on a busy machine, the click on *Table* with it.
 */
export class SubJobTable {
  readonly element = element('table', 'sub-jobs');
  private readonly body = element('tbody');
  private readonly rows = new Map<string, HTMLTableRowElement>();
  private view: TimelineView;
  /** Rows of the current view already filled, in order. */
  private filled = 0;
  private slice: number | undefined;

  constructor(
    view: TimelineView,
    private readonly icons: StatusIcons,
  ) {
    this.view = view;
    this.element.append(element('caption', undefined, view.words.tableCaption));
    const head = element('tr');
    for (const column of view.words.columns)
      head.append(Object.assign(element('th', undefined, column), { scope: 'col' }));
    const thead = element('thead');
    thead.append(head);
    this.element.append(thead, this.body);
    this.update(view);
  }

  update(view: TimelineView): void {
    this.view = view;
    const ids = new Set(view.bars.map((b) => b.id));
    for (const [id, tr] of this.rows)
      if (!ids.has(id)) {
        tr.remove();
        this.rows.delete(id);
      }
    this.filled = 0;
    this.fill();
  }

  /** Stops filling: the table was taken off the page. */
  dispose(): void {
    if (this.slice !== undefined) window.clearTimeout(this.slice);
    this.slice = undefined;
  }

  private fill(): void {
    this.dispose();
    const bars = this.view.bars;
    const until = performance.now() + SLICE_MS;
    while (this.filled < bars.length) {
      this.patch(bars[this.filled], this.filled);
      this.filled++;
      if (this.filled % 50 === 0 && performance.now() > until) break;
    }
    const busy = this.filled < bars.length;
    if (busy) this.slice = window.setTimeout(() => this.fill(), 0);
    if (busy) this.element.setAttribute('aria-busy', 'true');
    else this.element.removeAttribute('aria-busy');
  }

  private patch(bar: TimelineBar, i: number): void {
    let tr = this.rows.get(bar.id);
    if (!tr) this.rows.set(bar.id, (tr = this.row()));
    const cells = tr.children;
    setText(cells[0] as HTMLElement, bar.name);
    this.icons.patchBadge(cells[1] as HTMLElement, bar);
    [bar.begin, bar.end, bar.duration, bar.errorCode || '—'].forEach((text, c) =>
      setText(cells[c + 2] as HTMLElement, text),
    );
    // In begin order: a row moves only when a sub-job began and took another place.
    if (this.body.children[i] !== tr) this.body.insertBefore(tr, this.body.children[i] ?? null);
  }

  private row(): HTMLTableRowElement {
    const tr = element('tr');
    tr.append(Object.assign(element('th'), { scope: 'row' }), element('td'));
    for (let c = 0; c < 4; c++) tr.append(element('td'));
    return tr;
  }
}
