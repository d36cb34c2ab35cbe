import * as vscode from 'vscode';
import { CredentialChoices, parseChoices } from '../core/credentialChoice';

/** Where the choice of credential source is kept: its id only, never a key. */
export const CHOICES_KEY = 'workspaceJobs.credentialSources';

/** The remembered choices, in global state (every window of this machine shares them, as they share the files). */
export class CredentialChoiceStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  get current(): CredentialChoices {
    return parseChoices(this.state.get(CHOICES_KEY));
  }

  async set(choices: CredentialChoices): Promise<void> {
    await this.state.update(CHOICES_KEY, {
      ...(choices.default && { default: choices.default }),
      projects: { ...choices.projects },
    });
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
