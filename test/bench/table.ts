const NUMBER = /^[-+]?[\d,]+(\.\d+)?( ?(×|%|ms|s|MiB|KiB))?$/;

/** A GitHub-flavoured markdown table; numeric columns right-aligned. */
export function markdownTable(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const cells = rows.map((row) => row.map((cell) => String(cell)));
  const numeric = header.map((_, i) => cells.length > 0 && cells.every((row) => NUMBER.test(row[i] ?? '')));
  const widths = header.map((h, i) => Math.max(h.length, 3, ...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: readonly string[]) =>
    `| ${row.map((cell, i) => (numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (numeric[i] ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(header), rule, ...cells.map(line)].join('\n');
}

export function ms(value: number): string {
  return value >= 100 ? `${Math.round(value).toLocaleString('en')}` : value.toFixed(1);
}

export function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

export function ratio(value: number): string {
  return `${value.toFixed(2)}×`;
}
