/**
 * Where a sub-job's bar sits on the parent job's time axis. Shared by the extension (which plans
 * the axis) and the timeline's script (which grows running bars between updates), so both place a
 * bar the same way.
 */
export interface TimelineScale {
  /** Epoch ms at the axis's left edge. */
  readonly startMs: number;
  /** Epoch ms at its right edge; a running job's axis reaches a little past now, so its bars can grow. */
  readonly endMs: number;
}

/** A bar's left edge and width, as fractions of the axis (0–1). */
export interface BarSpan {
  readonly left: number;
  readonly width: number;
}

/** The least width a bar is drawn with, so a sub-job of one second is still seen (and hit by a click). */
export const MIN_BAR_WIDTH = 0.004;

/**
 * The span of a bar from `beginMs` to `endMs`, clamped to the axis. Without an end, a running
 * sub-job reaches `nowMs`; an ended one whose end is unknown is a tick at its begin (it did not run
 * to now). A sub-job that has not begun (no begin time) has no bar.
 */
export function barSpan(
  scale: TimelineScale,
  beginMs: number | undefined,
  endMs: number | undefined,
  nowMs: number,
  running: boolean,
): BarSpan | undefined {
  if (beginMs === undefined) return undefined;
  const range = Math.max(1, scale.endMs - scale.startMs);
  const clamp = (ms: number) => Math.min(1, Math.max(0, (ms - scale.startMs) / range));
  const left = clamp(beginMs);
  const right = clamp(Math.max(beginMs, endMs ?? (running ? nowMs : beginMs)));
  return { left: Math.min(left, 1 - MIN_BAR_WIDTH), width: Math.max(MIN_BAR_WIDTH, right - left) };
}
