/**
 * Where a key moves the focus among a timeline's bars (one tab stop, roving tabindex): ↑/↓ to the
 * previous or next bar (no wrap: a list of thousands has an end), Page Up/Down by a page, Home and
 * End to the first and last. The index to focus, or undefined when the key is not the list's.
 */
export function barTarget(key: string, current: number, count: number, page = 10): number | undefined {
  if (count <= 0) return undefined;
  const clamp = (i: number) => Math.min(count - 1, Math.max(0, i));
  switch (key) {
    case 'ArrowDown':
      return clamp(current + 1);
    case 'ArrowUp':
      return clamp(current - 1);
    case 'PageDown':
      return clamp(current + page);
    case 'PageUp':
      return clamp(current - page);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}

/** The rows a virtualised list draws: those in view, plus a margin each side so scrolling shows no gap. */
export function visibleWindow(
  scrollTop: number,
  viewHeight: number,
  rowHeight: number,
  count: number,
  margin = 10,
): { first: number; last: number } {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - margin);
  const last = Math.min(count - 1, Math.ceil((scrollTop + viewHeight) / rowHeight) + margin);
  return { first, last };
}
