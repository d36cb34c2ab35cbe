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

/** Where the keyboard was around a redraw of the panel. */
export interface RedrawFocus {
  /** A button of the panel was the page's focused element before the redraw. */
  readonly buttonWasFocused: boolean;
  /** The page has the keyboard now (document.hasFocus()): not the tree, another editor or a dialog. */
  readonly pageHasFocus: boolean;
  /** The page's focused element is still inside the panel after the redraw. */
  readonly stillInside: boolean;
}

/**
 * Whether a redraw that replaced the focused button gives the focus back to a button. A page keeps
 * its focused element while the user works elsewhere: focusing it again then would pull the keyboard
 * out of the tree (a click in the tree that retargets the preview, a refresh), so only a page that
 * has the keyboard gets it back.
 */
export function refocusAfterRedraw(focus: RedrawFocus): boolean {
  return focus.buttonWasFocused && focus.pageHasFocus && !focus.stillInside;
}
