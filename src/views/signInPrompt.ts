import * as vscode from 'vscode';
import { readSettings } from '../config/settings';
import { ProjectConfig, projectLabel } from '../core/projects';
import { inputStep, pickStep, required, runSteps, StepResult } from './multiStep';

/** What the Sign In steps gathered. */
export interface SignInAnswers {
  /** Undefined when no project is configured yet: IAM's default project of the region is asked for. */
  readonly project?: ProjectConfig;
  readonly domainName: string;
  readonly userName: string;
  readonly password: string;
  readonly remember: boolean;
}

/**
 * What the steps show at first: the account and user of an earlier sign-in ("Try Again"), or, coming
 * Back from the MFA boxes, everything answered, opened at the password step.
 */
export interface SignInStart {
  readonly domainName: string;
  readonly userName: string;
  readonly back?: { readonly answers: SignInAnswers; /** The MFA boxes after these steps. */ readonly more: number };
}

/** The Sign In steps' title, e.g. "Workspace Jobs: Sign In (2/5)". */
function stepTitle(step: number, steps: number): string {
  return vscode.l10n.t({
    message: 'Workspace Jobs: Sign In ({0}/{1})',
    args: [step, steps],
    comment: ['Title of the sign-in input boxes; step {0} of {1}'],
  });
}

/**
 * Asks which project (only when several are configured and none was named), the account, the IAM
 * user, the password and whether to remember it; Back keeps what was typed. `iamEndpoint` says where
 * a project signs in; `known` fills in the account and user of an earlier sign-in, or all of it.
 */
export async function askSignIn(
  projects: { readonly named?: ProjectConfig; readonly choices: readonly ProjectConfig[] },
  iamEndpoint: (project: ProjectConfig | undefined) => string,
  known?: SignInStart,
): Promise<SignInAnswers | undefined> {
  const asksProject = !projects.named && projects.choices.length > 1;
  const steps = (asksProject ? 5 : 4) + (known?.back?.more ?? 0);
  const offset = asksProject ? 1 : 0;
  const back = known?.back?.answers;
  let project = back?.project ?? projects.named ?? (asksProject ? undefined : projects.choices[0]);
  let domainName = known?.domainName ?? '';
  let userName = known?.userName ?? '';
  let password = back?.password ?? '';
  let remember = back?.remember ?? false;
  const typed = () =>
    domainName.trim() !== (known?.domainName ?? '') || userName.trim() !== (known?.userName ?? '') || !!password;
  const projectStep = async (): Promise<StepResult> => {
    const items = projects.choices.map((p) => ({
      label: projectLabel(p),
      description: p.name ? `${p.projectId} · ${p.endpoint || p.region}` : p.endpoint || p.region,
      project: p,
    }));
    return required(
      await pickStep({
        title: stepTitle(1, steps),
        placeHolder: vscode.l10n.t('Which project is it for? A token works only for its own project.'),
        items,
        active: items.find((i) => i.project === project),
        back: false,
      }),
      (item) => (project = item.project),
    );
  };
  const answered = await runSteps(
    [
      ...(asksProject ? [projectStep] : []),
      async (first) =>
        required(
          await inputStep({
            title: stepTitle(1 + offset, steps),
            prompt: project
              ? vscode.l10n.t({
                  message: 'Account name (the domain) · IAM at {0} · project {1}',
                  args: [iamEndpoint(project), projectLabel(project)],
                  comment: ["{0} is the IAM endpoint URL, {1} the project's name or id"],
                })
              : vscode.l10n.t({
                  message: 'Account name (the domain) · IAM at {0}',
                  args: [iamEndpoint(project)],
                  comment: ['{0} is the IAM endpoint URL'],
                }),
            value: domainName,
            back: !first,
            keepTyped: (v) => (domainName = v),
            validate: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter the account name.')),
          }),
          (v) => (domainName = v.trim()),
        ),
      async () =>
        required(
          await inputStep({
            title: stepTitle(2 + offset, steps),
            prompt: vscode.l10n.t('IAM user name'),
            value: userName,
            back: true,
            keepTyped: (v) => (userName = v),
            validate: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter the IAM user name.')),
          }),
          (v) => (userName = v.trim()),
        ),
      async () =>
        required(
          await inputStep({
            title: stepTitle(3 + offset, steps),
            prompt: vscode.l10n.t('Password. It is sent to IAM only; it is stored only if you choose so next.'),
            value: password,
            password: true,
            back: true,
            keepTyped: (v) => (password = v),
            validate: (v) => (v ? undefined : vscode.l10n.t('Enter the password.')),
          }),
          (v) => (password = v),
        ),
      async () => {
        const items = [
          {
            label: vscode.l10n.t('Ask me again when the token expires'),
            description: vscode.l10n.t('the password is not stored'),
            remember: false,
          },
          {
            label: vscode.l10n.t('Remember the password'),
            description: vscode.l10n.t('kept in SecretStorage to renew the token silently'),
            remember: true,
          },
        ];
        return required(
          await pickStep({
            title: stepTitle(4 + offset, steps),
            placeHolder: vscode.l10n.t('IAM tokens last 24 hours'),
            items,
            active: items.find((i) => i.remember === remember),
            back: true,
          }),
          (item) => (remember = item.remember),
        );
      },
    ],
    { typed, title: vscode.l10n.t('Workspace Jobs: Sign In'), start: back ? 2 + offset : 0 },
  );
  if (!answered) return undefined;
  return { ...(project && { project }), domainName, userName, password, remember };
}

/** The projects Sign In may be for: the one named by id (a row's, a keybinding's), or those configured. */
export function signInProjects(
  wanted: string | undefined,
): { named?: ProjectConfig; choices: readonly ProjectConfig[] } | undefined {
  const choices = readSettings().projects.projects;
  if (!wanted) return { choices };
  const named = choices.find((p) => p.projectId === wanted);
  if (named) return { named, choices };
  if (!choices.length) return { choices };
  // A sign-in asked for a project that is not configured must not land on another one.
  void vscode.window.showErrorMessage(vscode.l10n.t('Workspace Jobs: no project {0} is configured.', wanted));
  return undefined;
}
