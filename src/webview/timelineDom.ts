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

/** The status icons of the current view, each parsed once and cloned for every row. */
export class StatusIcons {
  private markup: Readonly<Record<string, string>> = {};
  private readonly parsed = new Map<string, HTMLTemplateElement>();

  reset(markup: Readonly<Record<string, string>>): void {
    this.markup = markup;
    this.parsed.clear();
  }

  /** The status's icon and its word: colour is never the only cue. */
  badge(bar: TimelineBar): HTMLElement {
    const badge = element('span', 'status-badge');
    badge.append(this.icon(bar.status), element('span', undefined, bar.statusText));
    return badge;
  }

  private icon(status: string): Node {
    let template = this.parsed.get(status);
    if (!template) {
      template = document.createElement('template');
      // The extension drew the icons (static SVG of its own), not the service.
      template.innerHTML = this.markup[status] ?? '';
      this.parsed.set(status, template);
    }
    return template.content.cloneNode(true);
  }
}

/** Every sub-job as a table row, for screen readers and for reading values off. */
export function subJobTable(view: TimelineView, icons: StatusIcons): HTMLTableElement {
  const table = element('table', 'sub-jobs');
  table.append(element('caption', undefined, view.words.tableCaption));
  const head = element('tr');
  for (const column of view.words.columns)
    head.append(Object.assign(element('th', undefined, column), { scope: 'col' }));
  const thead = element('thead');
  thead.append(head);
  const body = element('tbody');
  for (const bar of view.bars) {
    const tr = element('tr');
    const status = element('td');
    status.append(icons.badge(bar));
    tr.append(Object.assign(element('th', undefined, bar.name), { scope: 'row' }), status);
    for (const text of [bar.begin, bar.end, bar.duration, bar.errorCode || '—'])
      tr.append(element('td', undefined, text));
    body.append(tr);
  }
  table.append(thead, body);
  return table;
}
