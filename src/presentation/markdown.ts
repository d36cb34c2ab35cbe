import { capText } from '../model/text';

/**
 * Escapes API text for Markdown so that it renders as the characters it contains: no links,
 * images, emphasis, HTML or table breaks can come from a resource name or an error message.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|~<>&$:]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/**
 * A Markdown table of name/value rows (a tooltip); the values are untrusted, escaped, and capped:
 * the details panel shows them whole. Names are escaped too: an app-server resource field is named by the service.
 */
export function markdownTable(rows: ReadonlyArray<readonly [string, string]>): string {
  const body = rows.map(
    ([name, value]) => `| ${escapeMarkdown(name)} | ${value ? escapeMarkdown(capText(value)) : '—'} |`,
  );
  return ['| | |', '|---|---|', ...body].join('\n');
}
