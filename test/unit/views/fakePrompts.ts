// The fake `vscode` of fakeVscode.ts, plus what the prompts use: input boxes and quick picks a test
// drives as a user would (type, Enter, Escape, Back), messages, commands and user settings.
// Installed by installFakePrompts.ts, only in the tests that import it.
import { EventEmitter } from './fakeVscode';

export * from './fakeVscode';

export class Disposable {
  constructor(private readonly release: () => void) {}

  static from(...disposables: Array<{ dispose(): unknown }>): Disposable {
    return new Disposable(() => disposables.forEach((d) => d.dispose()));
  }

  dispose(): void {
    this.release();
  }
}

export enum QuickPickItemKind {
  Separator = -1,
  Default = 0,
}

export const QuickInputButtons = { Back: { iconPath: 'back', tooltip: 'Back' } };

export enum InputBoxValidationSeverity {
  Info = 1,
  Warning = 2,
  Error = 3,
}

export enum ConfigurationTarget {
  Global = 1,
}

/** What a test sees of the prompts: each one shown, in order, and the messages. */
export const prompts = {
  shown: [] as FakeQuickInput[],
  messages: [] as string[],
  /** The buttons each message offered, beside `messages`. */
  buttons: [] as string[][],
  /** What the user clicks on the next messages that offer buttons, in order (undefined: closed). */
  clicks: [] as Array<string | undefined>,
  waiting: [] as Array<(input: FakeQuickInput) => void>,
  taken: 0,
  /** The next prompt shown (or already shown and not yet taken). */
  next(): Promise<FakeQuickInput> {
    if (this.taken < this.shown.length) return Promise.resolve(this.shown[this.taken++]);
    return new Promise((resolve) => this.waiting.push(resolve));
  },
  reset(): void {
    this.shown = [];
    this.messages = [];
    this.buttons = [];
    this.clicks = [];
    this.waiting = [];
    this.taken = 0;
  },
};

interface Item {
  label: string;
  description?: string;
  detail?: string;
  alwaysShow?: boolean;
}

export class FakeQuickInput {
  title?: string;
  placeholder?: string;
  prompt?: string;
  password = false;
  validationMessage?: unknown;
  buttons: unknown[] = [];
  ignoreFocusOut = false;
  value = '';
  visible = false;
  items: Item[] = [];
  activeItems: Item[] = [];
  selectedItems: Item[] = [];
  matchOnDescription = false;
  matchOnDetail = false;
  private readonly changed = new EventEmitter<string>();
  private readonly accepted = new EventEmitter<void>();
  private readonly hidden = new EventEmitter<void>();
  private readonly triggered = new EventEmitter<unknown>();
  private readonly activeChanged = new EventEmitter<Item[]>();
  readonly onDidChangeValue = this.changed.event;
  readonly onDidAccept = this.accepted.event;
  readonly onDidHide = this.hidden.event;
  readonly onDidTriggerButton = this.triggered.event;
  readonly onDidChangeActive = this.activeChanged.event;

  constructor(readonly kind: 'input' | 'pick') {}

  show(): void {
    this.visible = true;
    if (this.kind === 'pick' && !this.activeItems.length) this.activeItems = this.visibleItems().slice(0, 1);
    const waiting = prompts.waiting.shift();
    prompts.shown.push(this);
    if (waiting) {
      prompts.taken++;
      waiting(this);
    }
  }

  hide(): void {
    if (!this.visible) return;
    this.visible = false;
    this.hidden.fire();
  }

  dispose(): void {
    this.hide();
  }

  /** The items VS Code lists for what is typed: every word found in a label (or description, detail). */
  visibleItems(): Item[] {
    const words = this.value.toLowerCase().split(/\s+/).filter(Boolean);
    return this.items.filter((item) => {
      if (item.alwaysShow) return true;
      const text = [item.label, this.matchOnDescription && item.description, this.matchOnDetail && item.detail]
        .filter(Boolean)
        .join(' ')
        .toLowerCase();
      return words.every((w) => text.includes(w));
    });
  }

  type(text: string): this {
    this.value = text;
    this.changed.fire(text);
    if (this.kind === 'pick') this.setActive(this.visibleItems().slice(0, 1));
    return this;
  }

  /** Moves the cursor to the item whose label matches, as ↓ does, without taking it. */
  move(label: RegExp): this {
    const item = this.visibleItems().find((i) => label.test(i.label));
    if (!item) throw new Error(`no item ${label} in ${this.visibleItems().map((i) => i.label)}`);
    this.setActive([item]);
    return this;
  }

  private setActive(items: Item[]): void {
    this.activeItems = items;
    this.activeChanged.fire(items);
  }

  enter(): void {
    if (this.kind === 'pick') this.selectedItems = this.activeItems;
    this.accepted.fire();
  }

  /** Moves to the item whose label matches and takes it. */
  choose(label: RegExp): void {
    this.move(label).enter();
  }

  /** Ticks the items whose labels match (a pick of many) and takes them. */
  chooseMany(...labels: RegExp[]): void {
    this.selectedItems = this.visibleItems().filter((item) => labels.some((label) => label.test(item.label)));
    this.accepted.fire();
  }

  escape(): void {
    this.hide();
  }

  back(): void {
    this.triggered.fire(QuickInputButtons.Back);
  }
}

const message = (text: string, ...items: unknown[]): Promise<string | undefined> => {
  prompts.messages.push(text);
  const buttons = items.filter((i): i is string => typeof i === 'string');
  prompts.buttons.push(buttons);
  return Promise.resolve(buttons.length ? prompts.clicks.shift() : undefined);
};

export enum ProgressLocation {
  SourceControl = 1,
  Window = 10,
  Notification = 15,
}

export const window = {
  createInputBox: () => new FakeQuickInput('input'),
  createQuickPick: () => new FakeQuickInput('pick'),
  showQuickPick: <T extends Item>(
    items: T[],
    options: { title?: string; placeHolder?: string; canPickMany?: boolean } = {},
  ) => {
    const pick = new FakeQuickInput('pick');
    pick.items = items;
    pick.title = options.title;
    pick.placeholder = options.placeHolder;
    return new Promise<T | T[] | undefined>((resolve) => {
      pick.onDidAccept(() => {
        resolve(options.canPickMany ? (pick.selectedItems as T[]) : (pick.activeItems[0] as T));
        pick.visible = false;
      });
      pick.onDidHide(() => resolve(undefined));
      pick.show();
    });
  },
  showInformationMessage: message,
  showWarningMessage: message,
  showErrorMessage: message,
  setStatusBarMessage: () => ({ dispose: () => undefined }),
  withProgress: <T>(
    _options: unknown,
    task: (
      progress: { report(): void },
      token: { isCancellationRequested: boolean; onCancellationRequested(listener: () => void): Disposable },
    ) => Promise<T>,
  ) =>
    task(
      { report: () => undefined },
      { isCancellationRequested: false, onCancellationRequested: () => new Disposable(() => undefined) },
    ),
  // The window in use: work done in the focused window only (renewing a sign-in) goes ahead.
  state: { focused: true },
  onDidChangeWindowState: () => ({ dispose: () => undefined }),
};

/** User settings, as `section.key`. */
export const settings = new Map<string, unknown>();

export const workspace = {
  onDidChangeConfiguration: () => ({ dispose: () => undefined }),
  getConfiguration: (section: string) => ({
    get: <T>(key: string, fallback?: T) =>
      settings.has(`${section}.${key}`) ? settings.get(`${section}.${key}`) : fallback,
    inspect: (key: string) => ({ globalValue: settings.get(`${section}.${key}`), defaultValue: undefined }),
    update: async (key: string, value: unknown) => {
      if (value === undefined) settings.delete(`${section}.${key}`);
      else settings.set(`${section}.${key}`, value);
    },
  }),
};

export const registered = new Map<string, (...args: unknown[]) => unknown>();

export const commands = {
  registerCommand: (id: string, handler: (...args: unknown[]) => unknown) => {
    registered.set(id, handler);
    return new Disposable(() => registered.delete(id));
  },
  executeCommand: async (id: string, ...args: unknown[]) => registered.get(id)?.(...args),
  getCommands: async () => [...registered.keys()],
};
