import * as vscode from 'vscode';

/*
 * Steps of a prompt that keep what was typed: each step has a Back button (after the first), a value
 * kept when the user comes back to it (even one typed and left by Back), an optional step where
 * Escape means "skip it and save the rest" (asking first when its box holds something typed), and a
 * question before Escape throws typed values away.
 */

/** How a step ended: with a value, by Back, or by Escape (or focus lost). */
export type StepOutcome<T> = { readonly value: T } | 'back' | 'escape';

/** A validation result: an error blocks Enter, a warning only says something. */
export type Validation = string | vscode.InputBoxValidationMessage | undefined;

export interface InputStepOptions {
  readonly title: string;
  readonly prompt: string;
  readonly value?: string;
  readonly placeHolder?: string;
  readonly password?: boolean;
  /** Shows the Back button. */
  readonly back: boolean;
  readonly validate?: (value: string) => Validation;
  /** Told what the box holds when the user leaves it by Back or Escape, so it can show it again. */
  readonly keepTyped?: (typed: string) => void;
}

function blocks(validation: Validation): boolean {
  if (validation === undefined) return false;
  return typeof validation === 'string' || validation.severity === vscode.InputBoxValidationSeverity.Error;
}

/** One input box; resolves with the value typed, or how the user left it. */
export function inputStep(options: InputStepOptions): Promise<StepOutcome<string>> {
  const box = vscode.window.createInputBox();
  box.title = options.title;
  box.prompt = options.prompt;
  box.value = options.value ?? '';
  box.placeholder = options.placeHolder;
  box.password = !!options.password;
  box.ignoreFocusOut = true;
  box.buttons = options.back ? [vscode.QuickInputButtons.Back] : [];
  const validate = () => {
    box.validationMessage = options.validate?.(box.value);
  };
  // An empty box is not an error until Enter: the prompt says what to type.
  if (box.value) validate();
  return showStep<string>(box, options.keepTyped, (finish) => [
    box.onDidChangeValue(validate),
    box.onDidAccept(() => {
      const validation = options.validate?.(box.value);
      if (blocks(validation)) box.validationMessage = validation;
      else finish({ value: box.value });
    }),
  ]);
}

export interface PickStepOptions<T extends vscode.QuickPickItem> {
  readonly title: string;
  /**
   * The title for the item under the cursor, when it decides how many steps follow (e.g. "(1/4)" on
   * one choice, "(1/6)" on another): the numbers stay true as the cursor moves.
   */
  readonly titleFor?: (active: T | undefined) => string;
  readonly placeHolder?: string;
  readonly items: readonly T[];
  /** The item under the cursor at first (e.g. the current choice, so Enter keeps it). */
  readonly active?: T;
  readonly back: boolean;
  readonly matchOnDescription?: boolean;
  readonly matchOnDetail?: boolean;
  /** Extra items shown for what is typed (e.g. a row saying nothing matches); undefined: none. */
  readonly extraFor?: (typed: string) => readonly T[];
  /** Whether an item may be taken; false keeps the pick open (e.g. the "nothing matches" row). */
  readonly acceptable?: (item: T) => boolean;
  /** What is typed in the filter at first, e.g. what was typed before Back. */
  readonly value?: string;
  /** Told what the filter holds when the user leaves by Back or Escape. */
  readonly keepTyped?: (typed: string) => void;
}

/** One quick pick; resolves with the item chosen, or how the user left it. */
export function pickStep<T extends vscode.QuickPickItem>(options: PickStepOptions<T>): Promise<StepOutcome<T>> {
  const pick = vscode.window.createQuickPick<T>();
  pick.title = options.title;
  pick.placeholder = options.placeHolder;
  pick.items = options.items;
  pick.matchOnDescription = !!options.matchOnDescription;
  pick.matchOnDetail = !!options.matchOnDetail;
  pick.ignoreFocusOut = true;
  pick.buttons = options.back ? [vscode.QuickInputButtons.Back] : [];
  if (options.active) pick.activeItems = [options.active];
  const retitle = () => {
    if (options.titleFor) pick.title = options.titleFor(pick.activeItems[0] ?? options.active);
  };
  retitle();
  if (options.value) {
    pick.value = options.value;
    if (options.extraFor) pick.items = [...options.items, ...options.extraFor(options.value)];
  }
  return showStep<T>(pick, options.keepTyped, (finish) => [
    pick.onDidChangeValue((typed) => {
      if (options.extraFor) pick.items = [...options.items, ...options.extraFor(typed)];
    }),
    pick.onDidAccept(() => {
      const item = pick.activeItems[0] ?? pick.selectedItems[0];
      if (item && (options.acceptable?.(item) ?? true)) finish({ value: item });
    }),
    pick.onDidChangeActive(retitle),
  ]);
}

/** What showStep needs of an input box or a quick pick. */
type StepBox = Pick<vscode.QuickInput, 'show' | 'dispose' | 'onDidHide'> & {
  readonly value: string;
  readonly onDidTriggerButton: vscode.Event<vscode.QuickInputButton>;
};

/**
 * Shows a step until it ends, once: by what `listen` wires (an accepted value), by Back, or by
 * hiding (Escape). Leaving by Back or Escape hands what was typed to `keepTyped`.
 */
function showStep<V>(
  box: StepBox,
  keepTyped: ((typed: string) => void) | undefined,
  listen: (finish: (outcome: StepOutcome<V>) => void) => vscode.Disposable[],
): Promise<StepOutcome<V>> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: StepOutcome<V>) => {
      if (settled) return;
      settled = true;
      if (typeof outcome === 'string') keepTyped?.(box.value);
      resolve(outcome);
      disposable.dispose();
      box.dispose();
    };
    const disposable = vscode.Disposable.from(
      ...listen(finish),
      box.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) finish('back');
      }),
      box.onDidHide(() => finish('escape')),
    );
    box.show();
  });
}

/**
 * What a step means for the run: on, back, stop (Escape on a required step), skip (Escape on an
 * optional one: save what the steps hold), or again (show the same step once more).
 */
export type StepResult = 'next' | 'back' | 'stop' | 'skip' | 'again';

/** One step of a run; `first` says whether it is the first (which has no Back button). */
export type Step = (first: boolean) => Promise<StepResult>;

export interface RunOptions {
  /** Whether Escape would throw away something typed; if so the user is asked first. */
  readonly typed?: () => boolean;
  /** The title of that question: the flow's. */
  readonly title?: string;
  /** The index of the step shown first, when coming back to a run's later step; 0 unless told. */
  readonly start?: number;
}

/**
 * Asks whether to throw away what was typed. Escape on the question goes back to the step, as
 * Cancel does in VS Code's "unsaved changes" question: two Escapes in a row never lose anything.
 */
async function discardTyped(title: string | undefined): Promise<boolean> {
  const discard = { label: vscode.l10n.t('$(discard) Discard what was typed and close'), discard: true };
  const keep = { label: vscode.l10n.t('$(edit) Go back to the step'), discard: false };
  const outcome = await pickStep({
    title: title ?? '',
    placeHolder: vscode.l10n.t('Close without saving? What was typed is lost.'),
    items: [discard, keep],
    back: false,
  });
  return typeof outcome === 'object' && outcome.value.discard;
}

/**
 * Runs steps in order: a value moves on, Back goes one step back (each step keeps what was typed in
 * the caller's state and shows it again). Escape on a required step stops the run, after asking
 * when something typed would be lost; on an optional step it skips it and ends the run with what
 * the steps before it hold. Resolves to whether there is something to save.
 *
 * `steps` may be a function, asked again before each step, when an answer decides which steps
 * follow (Configure Project's first pick: change a project, or add one).
 */
export async function runSteps(
  steps: ReadonlyArray<Step> | (() => ReadonlyArray<Step>),
  options: RunOptions = {},
): Promise<boolean> {
  const current = typeof steps === 'function' ? steps : () => steps;
  let index = options.start ?? 0;
  while (index < current().length) {
    const outcome = await current()[index](index === 0);
    if (outcome === 'skip') return true;
    if (outcome === 'again') continue;
    if (outcome === 'stop') {
      if (options.typed?.() && !(await discardTyped(options.title))) continue;
      return false;
    }
    index = outcome === 'back' ? Math.max(0, index - 1) : index + 1;
  }
  return true;
}

/** What a required step's outcome means for the run: its value is kept by `keep`. */
export function required<T>(outcome: StepOutcome<T>, keep: (value: T) => void): StepResult {
  if (outcome === 'back') return 'back';
  if (outcome === 'escape') return 'stop';
  keep(outcome.value);
  return 'next';
}

/**
 * An optional step: Escape skips it (`skipped` puts its value back as it was) and saves what the
 * steps before it hold.
 */
export function optional<T>(outcome: StepOutcome<T>, keep: (value: T) => void, skipped?: () => void): StepResult {
  if (outcome === 'back') return 'back';
  if (outcome === 'escape') {
    skipped?.();
    return 'skip';
  }
  keep(outcome.value);
  return 'next';
}

/** What an optional step asks when Escape leaves its box holding something typed. */
export interface TypedQuestion {
  /** The flow's title. */
  readonly title: string;
  /** The question, e.g. "Save the project with the name typed?" */
  readonly placeHolder: string;
  /** The choice that saves with what was typed. */
  readonly withLabel: string;
  /** The choice that saves without it. */
  readonly withoutLabel: string;
}

/**
 * An optional input step that asks before Escape drops what its box holds: with the box empty,
 * Escape skips the step as `optional` does; otherwise the user saves with it, without it, or goes
 * back to the box (Escape on the question goes back too, so two Escapes lose nothing). `typed` is
 * what the box held (the step's `keepTyped` has it); `question` gets it, e.g. to name it.
 */
export async function optionalTyped(
  outcome: StepOutcome<string>,
  typed: () => string,
  keep: (value: string) => void,
  skipped: () => void,
  question: (typed: string) => TypedQuestion,
): Promise<StepResult> {
  if (outcome !== 'escape' || !typed().trim()) return optional(outcome, keep, skipped);
  const asked = question(typed());
  const items = [
    { label: asked.withLabel, answer: 'with' as const },
    { label: asked.withoutLabel, answer: 'without' as const },
    { label: vscode.l10n.t('$(edit) Go back to the step'), answer: 'back' as const },
  ];
  const choice = await pickStep({ title: asked.title, placeHolder: asked.placeHolder, items, back: false });
  if (typeof choice !== 'object' || choice.value.answer === 'back') return 'again';
  if (choice.value.answer === 'with') keep(typed());
  else skipped();
  return 'skip';
}
