// A stand-in for the `vscode` module in plain Node: just what the tree provider, its items and the details panels use,
// behaving as VS Code documents it. Installed by installFakeVscode.ts, only in the tests that import it.
import * as l10nLib from '@vscode/l10n';

export enum TreeItemCollapsibleState {
  None = 0,
  Collapsed = 1,
  Expanded = 2,
}

export class ThemeColor {
  constructor(readonly id: string) {}
}

export class ThemeIcon {
  constructor(
    readonly id: string,
    readonly color?: ThemeColor,
  ) {}
}

export class MarkdownString {
  isTrusted = false;
  supportHtml = false;

  constructor(
    public value = '',
    readonly supportThemeIcons = false,
  ) {}

  appendMarkdown(value: string): this {
    this.value += value;
    return this;
  }

  appendText(value: string): this {
    this.value += value.replace(/[\\`*_{}[\]()#+\-.!]/g, '\\$&');
    return this;
  }
}

export class TreeItem {
  id?: string;
  description?: string | boolean;
  tooltip?: string | MarkdownString;
  iconPath?: ThemeIcon;
  contextValue?: string;
  command?: { command: string; title: string; arguments?: unknown[] };
  accessibilityInformation?: { label: string; role?: string };

  constructor(
    readonly label: string,
    readonly collapsibleState: TreeItemCollapsibleState = TreeItemCollapsibleState.None,
  ) {}
}

export class EventEmitter<T> {
  private listeners: Array<(value: T) => void> = [];
  private disposed = false;

  readonly event = (listener: (value: T) => void): { dispose(): void } => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };

  fire(value: T): void {
    if (this.disposed) return;
    for (const listener of [...this.listeners]) listener(value);
  }

  dispose(): void {
    this.disposed = true;
    this.listeners = [];
  }
}

export class Uri {
  private constructor(readonly path: string) {}

  static file(path: string): Uri {
    return new Uri(path);
  }

  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri([base.path, ...parts].join('/'));
  }

  toString(): string {
    return `file://${this.path}`;
  }
}

/** The same formatting as @vscode/l10n below VS Code: English, with {0} and named arguments filled in. */
export const l10n = { t: l10nLib.t };

export enum ViewColumn {
  Active = -1,
}

type Listener<T> = (value: T) => void;

/** A webview panel that records what the extension gives it; `send` plays its script. */
export class FakeWebviewPanel {
  title: string;
  iconPath: unknown;
  visible = true;
  disposed = false;
  readonly posted: unknown[] = [];
  /** Whether each show (the creation, then each reveal) kept the keyboard focus where it was. */
  readonly focusKept: boolean[] = [];
  private readonly received = new EventEmitter<unknown>();
  private readonly closed = new EventEmitter<void>();
  private readonly viewState = new EventEmitter<{ webviewPanel: FakeWebviewPanel }>();
  readonly webview = {
    html: '',
    options: {},
    cspSource: 'https://fake.vscode-resource',
    asWebviewUri: (uri: Uri) => uri,
    postMessage: async (message: unknown): Promise<boolean> => {
      this.posted.push(message);
      return !this.disposed;
    },
    onDidReceiveMessage: (listener: Listener<unknown>) => this.received.event(listener),
  };
  readonly onDidDispose = (listener: Listener<void>) => this.closed.event(listener);
  readonly onDidChangeViewState = (listener: Listener<{ webviewPanel: FakeWebviewPanel }>) =>
    this.viewState.event(listener);

  constructor(
    readonly viewType: string,
    title: string,
  ) {
    this.title = title;
  }

  /** A message from the panel's script. */
  send(message: unknown): void {
    this.received.fire(message);
  }

  reveal(_column?: unknown, preserveFocus?: boolean): void {
    this.focusKept.push(preserveFocus === true);
  }

  dispose(): void {
    this.disposed = true;
    this.closed.fire();
  }
}

/** What the fake window and clipboard were asked to do. */
export const recorded = {
  panels: [] as FakeWebviewPanel[],
  statusBar: [] as string[],
  clipboard: [] as string[],
};

export const window = {
  createWebviewPanel: (
    viewType: string,
    title: string,
    show?: { readonly preserveFocus?: boolean },
  ): FakeWebviewPanel => {
    const panel = new FakeWebviewPanel(viewType, title);
    panel.focusKept.push(show?.preserveFocus === true);
    recorded.panels.push(panel);
    return panel;
  },
  setStatusBarMessage: (text: string): { dispose(): void } => {
    recorded.statusBar.push(text);
    return { dispose: () => undefined };
  },
  registerWebviewPanelSerializer: (): { dispose(): void } => ({ dispose: () => undefined }),
};

export const env = {
  clipboard: {
    writeText: async (text: string): Promise<void> => {
      recorded.clipboard.push(text);
    },
  },
};

export const workspace = {
  onDidChangeConfiguration: () => ({ dispose: () => undefined }),
};
