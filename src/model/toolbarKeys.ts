/**
 * Where a key moves the focus in a toolbar (the WAI-ARIA toolbar pattern): ←/→ to the previous or
 * next enabled button, wrapping; Home and End to the first and last. The index of the button to
 * focus, or undefined when the key is not the toolbar's (or nothing is enabled).
 */
export function toolbarTarget(key: string, current: number, enabled: readonly boolean[]): number | undefined {
  const order = enabled.flatMap((on, i) => (on ? [i] : []));
  if (!order.length) return undefined;
  switch (key) {
    case 'Home':
      return order[0];
    case 'End':
      return order.at(-1);
    case 'ArrowRight':
      return order.find((i) => i > current) ?? order[0];
    case 'ArrowLeft':
      return [...order].reverse().find((i) => i < current) ?? order.at(-1);
    default:
      return undefined;
  }
}
