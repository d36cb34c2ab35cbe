import * as vscode from 'vscode';

/**
 * A modal confirmation. VS Code refuses modal dialogs while an extension test suite runs
 * ("DialogService: refused to show dialog in tests"), so only in that mode (ExtensionMode.Test) a
 * suite may queue the answer the user would give; anywhere else the dialog is always shown.
 */
export class Confirmations {
  private readonly answers: Array<string | undefined> = [];
  /** What was asked, for a test to check the wording. */
  readonly asked: Array<{ message: string; detail: string }> = [];

  constructor(private readonly mode: vscode.ExtensionMode) {}

  async confirm(message: string, detail: string, action: string): Promise<boolean> {
    if (this.mode === vscode.ExtensionMode.Test && this.answers.length) {
      this.asked.push({ message, detail });
      return this.answers.shift() === action;
    }
    return (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;
  }

  /** Test mode only: the answer to the next confirmation (the button's title, or undefined for Cancel). */
  answerNext(answer: string | undefined): void {
    if (this.mode !== vscode.ExtensionMode.Test)
      throw new Error('Confirmations can be answered ahead only in an extension test run.');
    this.answers.push(answer);
  }
}
