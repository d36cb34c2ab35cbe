import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { describeError } from '../api/errors';
import { dispatch, Handlers, panelMessages, parseScriptMessage, ScriptMessage } from '../model/detailsProtocol';
import { detailsState } from '../model/detailsState';
import { DetailsInput, detailsTitle, renderDetailsBody, renderDetailsHtml } from '../presentation/detailsHtml';

/** What a panel shows, without what only its webview knows (CSP source, nonce, resource URIs). */
export type DetailsContent = Omit<DetailsInput, 'cspSource' | 'nonce' | 'styleUri' | 'scriptUri'>;

type Log = { info(message: string): void; error(message: string): void };

/**
 * The zone the last page (a details panel's or a timeline's) of this window said it runs in: every
 * page of a window runs in the same browser or desktop, so a new panel's first document, drawn before
 * its own page can say, uses it.
 */
let windowTimeZone: string | undefined;

/** A page of this window said its zone (undefined: it is not one, or it did not say). */
export function notePageTimeZone(zone: string | undefined): void {
  windowTimeZone = zone;
}

/** Refused messages a panel logs, each reason once: a hostile page must not flood the log. */
const MAX_LOGGED_REFUSALS = 10;

export function mediaRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'media');
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [mediaRoot(extensionUri)] };
}

/** A status bar text as words: without its $(icon) references. */
function spoken(text: string): string {
  return text.replace(/\$\([a-z0-9~-]+\)\s*/gi, '').trim();
}

function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * A panel's webview document. A loaded, visible webview is kept current with messages (no reload,
 * no flicker, focus kept); a hidden one gets a new document for when it is shown; one still loading
 * catches up once its script reports ready. What the script sends is checked before anyone acts on it.
 */
export class DetailsWebview {
  /** The webview script has loaded the current document and takes render messages. */
  private ready = false;
  /** The body the webview shows. */
  private shownBody: string | undefined;
  /** The body of the document set as webview.html; what the webview shows after a reload. */
  private htmlBody: string | undefined;
  /** The document set as webview.html lags behind what was posted since. */
  private htmlStale = false;
  private stopped = false;
  private readonly refusals = new Set<string>();
  /** The zone the page runs in (the user's; the host's over SSH or in a container may differ): times are shown in it. */
  private timeZone = windowTimeZone;

  constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    /** What the panel shows now. */
    private readonly content: () => DetailsContent,
    /** Names the sub-job in log lines. */
    private readonly subJobId: () => string,
    private readonly logger: Log | undefined,
  ) {}

  /** Hands each message of the protocol to its handler; anything else is logged and dropped. */
  listen(handlers: Handlers<ScriptMessage>): vscode.Disposable {
    return this.panel.webview.onDidReceiveMessage((value: unknown) => {
      if (this.stopped) return;
      const parsed = parseScriptMessage(value);
      // Known before the ready handler redraws: a first document drawn in another zone is redrawn in this one.
      if (parsed.ok && parsed.message.type === 'ready') this.timeZone = windowTimeZone = parsed.message.timeZone;
      if (parsed.ok) dispatch(parsed.message, handlers);
      else this.refused(parsed.reason);
    });
  }

  /** The script loaded the document set as webview.html: it shows that, and takes messages now. */
  loaded(): void {
    this.ready = true;
    this.shownBody = this.htmlBody;
  }

  /** A hidden webview is unloaded and reloads webview.html when shown: give it the latest. */
  hidden(): void {
    this.ready = false;
    if (this.htmlStale) this.reload();
  }

  /** Shows the current content: by message when loaded and visible, else as the next document. */
  show(): void {
    if (this.stopped) return;
    try {
      const input = this.input('');
      this.panel.title = detailsTitle(input);
      if (!this.panel.visible) {
        this.reload();
        return;
      }
      if (!this.ready) return;
      const body = renderDetailsBody(input);
      if (body === this.shownBody) return;
      this.shownBody = body;
      this.htmlStale = true;
      void this.panel.webview.postMessage(panelMessages.render(body, detailsState(input))).then(
        (delivered) => {
          if (!delivered && !this.stopped) this.reload();
        },
        () => undefined,
      );
    } catch (error) {
      this.logger?.error(`Showing sub-job ${this.subJobId()} failed: ${describeError(error)}`);
    }
  }

  /** Sets a new document (webview.html) with the current content. */
  reload(): void {
    if (this.stopped) return;
    const input = this.input(newNonce());
    this.panel.title = detailsTitle(input);
    this.ready = false;
    this.htmlBody = this.shownBody = renderDetailsBody(input);
    this.htmlStale = false;
    this.panel.webview.html = renderDetailsHtml(input);
  }

  /** Said by the panel's polite live region: status bar messages are not read out. */
  announce(text: string): void {
    if (this.stopped || !this.ready) return;
    void this.panel.webview.postMessage(panelMessages.announce(spoken(text))).then(undefined, () => undefined);
  }

  /** Nothing more is shown or posted; the webview itself stays (a window reload restores it). */
  stop(): void {
    this.stopped = true;
  }

  private refused(reason: string): void {
    if (this.refusals.has(reason) || this.refusals.size > MAX_LOGGED_REFUSALS) return;
    this.refusals.add(reason);
    this.logger?.info(
      this.refusals.size > MAX_LOGGED_REFUSALS
        ? `The details panel of sub-job ${this.subJobId()} keeps sending messages it should not; they are ignored without a word from now on.`
        : `Ignored a message from the details panel of sub-job ${this.subJobId()}: ${reason}.`,
    );
  }

  private input(nonce: string): DetailsInput {
    const webview = this.panel.webview;
    const media = mediaRoot(this.extensionUri);
    return {
      ...this.content(),
      ...(this.timeZone && { timeZone: this.timeZone }),
      cspSource: webview.cspSource,
      nonce,
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'details.css')).toString(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'details.js')).toString(),
    };
  }
}
