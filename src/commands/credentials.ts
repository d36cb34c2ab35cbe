import * as vscode from 'vscode';
import { registerCommand } from './safeCommand';
import { CredentialStore } from '../config/credentialStore';
import { SignIn } from '../views/signIn';
import type { SsoSignIn } from '../views/ssoSignIn';
import { askAgainForAccessKey, isSameAccessKey, isSameToken } from '../core/credentialChange';
import { CredentialSet, NO_CREDENTIALS, UNSCOPED, withoutProjectCredentials } from '../core/credentials';
import { ProjectConfig, projectLabel } from '../core/projects';
import type { ProjectSession, RefreshReport } from '../core/projectSession';
import { Sessions } from '../core/sessions';
import type { SessionProblem } from '../core/sessionState';
import { problemRow } from '../presentation/treeModel';
import { pickProject, projectIdOf } from '../views/projectPicker';
import { askAccessKey } from './accessKeyPrompt';
import { registerAddCredentials } from './addCredentials';

/** How long a saved token waits for its project's first answer before the user is told anyway. */
const FIRST_ANSWER_MS = 20_000;

/** How a project fared with a token: its first answer, or what keeps it from being asked; undefined: no answer in time. */
type Fared =
  | {
      readonly session: ProjectSession;
      readonly report?: Pick<RefreshReport, 'ok' | 'failure'>;
      readonly problem?: SessionProblem;
    }
  | undefined;

/**
 * Says whether a token just saved works, once its project has answered a request with it: "saved"
 * alone would say nothing about whether the token is right.
 */
async function tellHowTheTokenFared(project: ProjectConfig, answer: Promise<Fared>): Promise<void> {
  const name = projectLabel(project);
  const fared = await answer;
  if (!fared) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t({
        message: 'Workspace Jobs: token saved in SecretStorage for project {0}; the next refresh will use it.',
        args: [name],
        comment: ["{0} is the project's name or id"],
      }),
    );
  } else if (fared.problem) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t({
        message: 'Workspace Jobs: token saved, but project {0} cannot be asked: {1}',
        args: [name, problemRow(fared.session.spec.key, fared.problem).label],
        comment: ["{0} is the project's name or id, {1} what keeps it from being asked"],
      }),
    );
  } else if (fared.report?.ok) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t({
        message: 'Workspace Jobs: token saved; project {0} accepted it.',
        args: [name],
        comment: ["{0} is the project's name or id"],
      }),
    );
  } else if (fared.report?.failure?.authFailure) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t({
        message: 'Workspace Jobs: token saved, but project {0} refused it: {1}',
        args: [name, fared.report.failure.message],
        comment: ["{0} is the project's name or id, {1} the API's answer"],
      }),
    );
  } else {
    void vscode.window.showWarningMessage(
      vscode.l10n.t({
        message: 'Workspace Jobs: token saved, but project {0} could not be asked yet: {1}',
        args: [name, fared.report?.failure?.message ?? ''],
        comment: ["{0} is the project's name or id, {1} why the request failed (e.g. the endpoint cannot be reached)"],
      }),
    );
  }
}

export function validateToken(value: string): string | undefined {
  const token = value.trim();
  if (!token) return vscode.l10n.t('Paste the IAM token (the X-Subject-Token header of POST /v3/auth/tokens).');
  if (/\s/.test(token)) return vscode.l10n.t('A token must not contain spaces or line breaks; check what was pasted.');
  return undefined;
}

/** Set Token, Set Access Key, Sign In and the commands that forget credentials. */
export function registerCredentialCommands(
  credentials: CredentialStore,
  signIn: SignIn,
  sessions: Sessions,
  /** Makes the sessions use these credentials now, whatever the store holds. */
  applyCredentials: (credentials: CredentialSet) => Promise<void>,
  /** IAM Identity Center: its flow and renewal stop first, so nothing more is sent. */
  sso?: Pick<SsoSignIn, 'signOut' | 'watch'>,
  /** Labels of the found sources chosen for some project: they are not VS Code's to remove, and keep signing. */
  foundInUse: () => Promise<readonly string[]> = async () => [],
): vscode.Disposable {
  const setToken = registerCommand('workspaceJobs.setToken', async (projectArg?: unknown): Promise<boolean> => {
    const title = vscode.l10n.t('Workspace Jobs: Set Token');
    const { project, cancelled } = await pickProject(title, projectIdOf(projectArg));
    if (cancelled) return false;
    const token = await vscode.window.showInputBox({
      title,
      prompt: project
        ? vscode.l10n.t({
            message: 'IAM user token for project {0}, sent as X-Auth-Token. Stored in VS Code SecretStorage only.',
            args: [projectLabel(project)],
            comment: ["{0} is the project's name or id"],
          })
        : vscode.l10n.t('IAM user token for the project, sent as X-Auth-Token. Stored in VS Code SecretStorage only.'),
      placeHolder: 'MIIE…', // the start every IAM token shares, not words
      password: true,
      ignoreFocusOut: true,
      validateInput: validateToken,
    });
    if (token === undefined) return false;
    if (!project) {
      // Before any project is configured, the token waits for the one configured next.
      await credentials.setProjectCredential(UNSCOPED, { kind: 'token', token: token.trim() });
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Workspace Jobs: token saved in SecretStorage; it is used for the project you configure next.'),
      );
      return true;
    }
    const same = isSameToken(await credentials.get(), project.projectId, token);
    const current = sessions.all.find((s) => s.spec.projectId === project.projectId);
    const blocked =
      current?.state.problem && !['noCredentials', 'notCovered'].includes(current.state.problem.kind)
        ? current
        : undefined;
    // A project that cannot be asked says so at once, not after a wait for an answer that never comes.
    const known: Fared = blocked ? { session: blocked, problem: blocked.state.problem } : undefined;
    // Listening starts before the save: the session the new token brings may answer at once.
    const answer: Promise<Fared> = known
      ? Promise.resolve(known)
      : sessions.firstAnswer(project.projectId, FIRST_ANSWER_MS, same);
    if (same) {
      // The token in use, saved again (its permissions fixed, or to check it): storing the same
      // value changes nothing and fires no change event on macOS or Linux, so the project is asked
      // again here, refused or not — an answer from hours ago says nothing about an IAM token now.
      if (!known) void sessions.refreshProject(project.projectId, 'the same token saved again');
    } else {
      await credentials.setProjectCredential(project.projectId, { kind: 'token', token: token.trim() });
    }
    await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Window,
        title: vscode.l10n.t({
          message: 'Workspace Jobs: checking the token with project {0}…',
          args: [projectLabel(project)],
          comment: ["{0} is the project's name or id"],
        }),
      },
      () => tellHowTheTokenFared(project, answer),
    );
    return true;
  });

  const setAccessKey = registerCommand('workspaceJobs.setAccessKey', async (): Promise<boolean> => {
    const answer = await askAccessKey();
    if (!answer) return false;
    const key = answer.credential;
    const stored = await credentials.get();
    const was = stored.accessKey;
    if (isSameAccessKey(was, key)) {
      for (const session of askAgainForAccessKey(sessions.all, stored))
        void session.refresh('the same access key saved again');
    } else {
      await credentials.setAccessKey(key);
    }
    void vscode.window.showInformationMessage(
      answer.tokenSkipped
        ? vscode.l10n.t({
            message:
              'Workspace Jobs: access key {0}… saved in SecretStorage without a security token (Escape skipped it); requests are now signed with it.',
            args: [key.accessKeyId.slice(0, 4)],
            comment: ['{0} is the first 4 characters of the access key ID'],
          })
        : vscode.l10n.t({
            message: 'Workspace Jobs: access key {0}… saved in SecretStorage; requests are now signed with it.',
            args: [key.accessKeyId.slice(0, 4)],
            comment: ['{0} is the first 4 characters of the access key ID'],
          }),
    );
    return true;
  });

  /**
   * `left` is what remains of the stored credentials; `done` the notification once forgotten, e.g.
   * "Workspace Jobs: all credentials removed from SecretStorage."
   */
  const forget = async (
    done: () => string,
    left: (stored: CredentialSet) => CredentialSet,
    clear: () => Promise<void>,
  ) => {
    sso?.signOut();
    // The sessions let go of what is forgotten before the store does: a refresh due in between
    // would still go out with it.
    await applyCredentials(left(await credentials.get()));
    await clear();
    // An IAM sign-in or renewal under way is dropped now, not when the store's change event arrives.
    await signIn.watch();
    await sso?.watch();
    const still = await foundInUse().catch(() => []);
    void vscode.window.showInformationMessage(
      still.length
        ? vscode.l10n.t({
            message:
              "{0} Still signing, because they are read from where you keep them and are not VS Code's to remove: {1}. Switch Credential chooses another.",
            args: [done(), still.join(', ')],
            comment: ['{0} is the sentence saying what was removed; {1} lists sources such as "KooCLI profile dev"'],
          })
        : done(),
    );
  };

  // "All" includes the users remembered as needing an MFA code: no secret, but learnt from a sign-in.
  const clearAll = async () => {
    await credentials.clear();
    await signIn.forgetMfaUsers();
  };

  return vscode.Disposable.from(
    registerAddCredentials(),
    setToken,
    setAccessKey,
    registerCommand('workspaceJobs.signIn', (projectArg?: unknown) => signIn.interactive(projectArg)),
    registerCommand('workspaceJobs.clearToken', async () => {
      const current = await credentials.get();
      // An IAM Identity Center sign-in is one of the sign-ins Clear Token removes, even with no token.
      if (Object.keys(current.projects).length || current.sso)
        await forget(
          () => vscode.l10n.t('Workspace Jobs: tokens and sign-ins removed from SecretStorage.'),
          withoutProjectCredentials,
          () => credentials.clearProjectCredentials(),
        );
      else void vscode.window.showInformationMessage(vscode.l10n.t('Workspace Jobs: no token is stored.'));
    }),
    registerCommand('workspaceJobs.clearCredentials', () =>
      forget(
        () => vscode.l10n.t('Workspace Jobs: all credentials removed from SecretStorage.'),
        () => NO_CREDENTIALS,
        () => clearAll(),
      ),
    ),
    registerCommand('workspaceJobs.signOut', () =>
      forget(
        () =>
          vscode.l10n.t(
            'Workspace Jobs: sign-ins, tokens and access key (with any remembered password) removed from SecretStorage.',
          ),
        () => NO_CREDENTIALS,
        () => clearAll(),
      ),
    ),
  );
}
