import * as vscode from 'vscode';

/*
 * Steps of a prompt that keep what was typed: each step has a Back button (after the first), a value
 * kept when the user comes back to it, and an optional step where Escape means "skip" rather than
 * "throw everything away".
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
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: StepOutcome<string>) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
      disposable.dispose();
      box.dispose();
    };
    const disposable = vscode.Disposable.from(
      box.onDidChangeValue(validate),
      box.onDidAccept(() => {
        const validation = options.validate?.(box.value);
        if (blocks(validation)) box.validationMessage = validation;
        else finish({ value: box.value });
      }),
      box.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) finish('back');
      }),
      box.onDidHide(() => finish('escape')),
    );
    box.show();
  });
}

export interface PickStepOptions<T extends vscode.QuickPickItem> {
  readonly title: string;
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
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: StepOutcome<T>) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
      disposable.dispose();
      pick.dispose();
    };
    const disposable = vscode.Disposable.from(
      pick.onDidChangeValue((typed) => {
        if (options.extraFor) pick.items = [...options.items, ...options.extraFor(typed)];
      }),
      pick.onDidAccept(() => {
        const item = pick.activeItems[0] ?? pick.selectedItems[0];
        if (item && (options.acceptable?.(item) ?? true)) finish({ value: item });
      }),
      pick.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) finish('back');
      }),
      pick.onDidHide(() => finish('escape')),
    );
    pick.show();
  });
}

/**
 * Runs steps in order: a value moves on, Back goes one step back (the step shows its value again,
 * since each step keeps it in the caller's state), Escape stops, unless the step handles it
 * itself (an optional step returns 'next' for it). Resolves to whether every step was done.
 */
export async function runSteps(steps: ReadonlyArray<(first: boolean) => Promise<'next' | 'back' | 'stop'>>) {
  let index = 0;
  while (index < steps.length) {
    const outcome = await steps[index](index === 0);
    if (outcome === 'stop') return false;
    index = outcome === 'back' ? Math.max(0, index - 1) : index + 1;
  }
  return true;
}

/** What a required step's outcome means for the run: its value is kept by `keep`. */
export function required<T>(outcome: StepOutcome<T>, keep: (value: T) => void): 'next' | 'back' | 'stop' {
  if (outcome === 'back') return 'back';
  if (outcome === 'escape') return 'stop';
  keep(outcome.value);
  return 'next';
}

/** An optional step: Escape skips it (keeping what the steps before it hold) instead of stopping. */
export function optional<T>(outcome: StepOutcome<T>, keep: (value: T) => void): 'next' | 'back' | 'stop' {
  if (outcome === 'back') return 'back';
  if (outcome !== 'escape') keep(outcome.value);
  return 'next';
}
