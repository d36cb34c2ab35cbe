import { Emitter, Event } from './events';
import { diffStates, isNoChange, SessionChange, SessionState } from './sessionState';

/**
 * A session's state and the changes it tells. While a refresh runs (`hold`), group changes wait
 * for its end and go out together, so each group is redrawn once per refresh; a change of the
 * project row (the first counts, a failure) goes out at once.
 */
export class ChangeBatcher {
  private current: SessionState;
  private holding = false;
  /** Groups whose change was held back until the refresh ends. */
  private readonly heldGroups = new Set<string>();
  /** Orders answers: a sub-job seen in two groups belongs to the later answer's. */
  private answers = 0;
  /** The answer of the last counts refresh: groups loaded before it may be out of date. */
  private counted = 0;
  private readonly changes = new Emitter<SessionChange>();

  constructor(initial: SessionState) {
    this.current = initial;
  }

  readonly onDidChange: Event<SessionChange> = this.changes.event;

  get state(): SessionState {
    return this.current;
  }

  /** A number for an answer about to be asked for, later than every earlier one's. */
  nextAnswer(): number {
    return ++this.answers;
  }

  get countsAnswer(): number {
    return this.counted;
  }

  /** Numbers the counts answer of a refresh, which groups loaded before it are compared with. */
  countedNow(): void {
    this.counted = this.nextAnswer();
  }

  /** Takes over another session's state and answer order, telling nobody (nobody listens yet). */
  takeOver(from: ChangeBatcher, state: SessionState): void {
    this.current = state;
    this.answers = from.answers;
    this.counted = from.counted;
  }

  /** Replaces the state and tells listeners what changed (or holds group changes back). */
  apply(next: SessionState): void {
    const diff = diffStates(this.current, next);
    this.current = next;
    for (const status of diff.groups) this.heldGroups.add(status);
    if (this.holding && !diff.project) return;
    this.flush(diff.project);
  }

  hold(): void {
    this.holding = true;
  }

  /** Ends holding and sends what was held, unless the session has gone. */
  release(send: boolean): void {
    this.holding = false;
    if (send) this.flush();
  }

  dispose(): void {
    this.changes.dispose();
  }

  private flush(project = false): void {
    const groups = [...this.heldGroups].filter((status) => this.current.counts?.has(status));
    this.heldGroups.clear();
    const change = { project, groups };
    if (!isNoChange(change)) this.changes.fire(change);
  }
}
