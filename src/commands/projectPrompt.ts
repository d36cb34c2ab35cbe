import * as vscode from 'vscode';
import { checkEndpoint } from '../api/endpoint';
import { DEFAULT_REGION, endpointForRegion, findRegions, regionPlace, REGIONS } from '../api/regions';
import { projectIdWarning, validateProjectId, whereProjectIdIs } from '../core/connection';
import { ProjectConfig } from '../core/projects';
import { inputStep, optionalTyped, pickStep, required, Step, TypedQuestion } from '../views/multiStep';
import { localRegionPlace } from './regionNames';

export function validateEndpoint(value: string): string | undefined {
  if (!value.trim()) return undefined;
  const checked = checkEndpoint(value);
  return checked.ok ? undefined : checked.reason[0].toUpperCase() + checked.reason.slice(1);
}

/** The title of one step, e.g. "Workspace Jobs: Configure Project (1/3)". */
export function stepTitle(step: number, steps: number): string {
  return vscode.l10n.t({
    message: 'Workspace Jobs: Configure Project ({0}/{1})',
    args: [step, steps],
    comment: ['Title of the input boxes that configure a project; step {0} of {1}'],
  });
}

interface RegionItem extends vscode.QuickPickItem {
  /** Undefined for the row that says nothing matches. */
  readonly region?: string;
}

/**
 * The regions, `held` first so Enter keeps it: the saved one, or the one picked before Back. Only
 * `saved` (the project's region in the settings) is marked "current"; one picked is not saved yet.
 */
function regionItems(held: string, saved: string | undefined): RegionItem[] {
  return [held, ...REGIONS.filter((r) => r !== held)].map((region) => {
    const place = localRegionPlace(region);
    const now =
      region === saved
        ? vscode.l10n.t({
            message: 'current',
            comment: ['Marks the region the project uses now, in the list of regions'],
          })
        : '';
    return {
      label: region,
      description: [place?.name, place?.country, now].filter(Boolean).join(' · '),
      // The English name too, when the display language has its own: the list matches what is typed
      // against what it shows, and "singapore" must find ap-southeast-3 in Chinese as well.
      detail: [endpointForRegion(region), englishPlace(region, place)].filter(Boolean).join(' · '),
      region,
    };
  });
}

function englishPlace(region: string, local: { name: string; country: string } | undefined): string {
  const english = regionPlace(region);
  if (!english || (local?.name === english.name && local?.country === english.country)) return '';
  return `${english.name}, ${english.country}`;
}

/** What the region step shows for typed text that finds no region: a row that says so, never taken. */
function noRegionRow(typed: string): RegionItem[] {
  const words = typed.trim();
  if (!words) return [];
  const localized = (r: string) => `${localRegionPlace(r)?.name ?? ''} ${localRegionPlace(r)?.country ?? ''}`;
  if (findRegions(words, localized).length) return [];
  return [
    {
      label: vscode.l10n.t({
        message: '$(warning) No WorkspaceApp region matches "{0}"',
        args: [words],
        comment: ['{0} is what the user typed in the list of regions'],
      }),
      detail: vscode.l10n.t(
        'Search by code, city or country (e.g. ap-southeast-3, Singapore). For another endpoint, pick the region, then set the endpoint in the next step.',
      ),
      alwaysShow: true,
    },
  ];
}

export interface ProjectQuestions {
  /** The project changed; undefined for a new one. */
  readonly current?: ProjectConfig;
  /** Asks a name for the tree (a list of several projects shows names). */
  readonly askName: boolean;
  /** The project configured so far, without a name, when a second one is added: its name is asked last. */
  readonly nameFirst?: ProjectConfig;
}

export interface ProjectAnswers {
  readonly project: ProjectConfig;
  /** The name given to `nameFirst`; undefined when none was given. */
  readonly firstName?: string;
  /** The optional step Escape skipped, so the confirmation can say so. */
  readonly skipped?: 'name' | 'firstName';
}

/** The steps of one project, run by `runSteps`, and what they gathered. */
export interface ProjectFlow {
  readonly steps: readonly Step[];
  /** Whether Escape would throw away something typed in them. */
  typed(): boolean;
  /** What to save once the steps ran to their end (or Escape skipped an optional one). */
  answers(): ProjectAnswers | undefined;
}

/** What Escape on a name typed asks; `what` says whose name it is. */
function nameQuestion(what: string, typed: string): TypedQuestion {
  return {
    title: vscode.l10n.t('Workspace Jobs: Configure Project'),
    placeHolder: what,
    withLabel: vscode.l10n.t({
      message: '$(check) Save with the name "{0}"',
      args: [typed.trim()],
      comment: ['{0} is the name typed'],
    }),
    withoutLabel: vscode.l10n.t('$(close) Save without a name'),
  };
}

/**
 * Project id, region, optional endpoint, and the optional names: the steps of one project, numbered
 * after `before` steps of the flow they are part of. Back keeps what was typed; Escape on a name
 * skips it and saves the rest (asking first when a name is typed); Escape anywhere else closes,
 * after asking when something typed would be lost.
 */
export function projectFlow(questions: ProjectQuestions, before = 0): ProjectFlow {
  const { current, askName, nameFirst } = questions;
  const steps = before + 3 + (askName ? 1 : 0) + (askName && nameFirst ? 1 : 0);
  const initial = { projectId: current?.projectId ?? '', region: current?.region ?? DEFAULT_REGION };
  let projectId = initial.projectId;
  let region = initial.region;
  let regionTyped = '';
  let endpoint = current?.endpoint ?? '';
  let name = current?.name ?? '';
  let firstName = '';
  let firstNameAnswered = false;
  let skipped: ProjectAnswers['skipped'];
  const typed = () =>
    projectId.trim() !== initial.projectId ||
    region !== initial.region ||
    endpoint.trim() !== (current?.endpoint ?? '') ||
    name.trim() !== (current?.name ?? '');
  const nameSteps: Step[] = askName
    ? [
        async () =>
          optionalTyped(
            await inputStep({
              title: stepTitle(before + 4, steps),
              prompt: vscode.l10n.t('A name for the tree (optional), e.g. "Singapore"'),
              value: name,
              back: true,
              keepTyped: (v) => (name = v),
            }),
            () => name,
            (v) => (name = v.trim()),
            () => {
              name = current?.name ?? '';
              skipped = 'name';
            },
            (v) => nameQuestion(vscode.l10n.t('Save the project with the name typed?'), v),
          ),
      ]
    : [];
  if (askName && nameFirst)
    nameSteps.push(async () =>
      optionalTyped(
        await inputStep({
          title: stepTitle(before + 5, steps),
          prompt: vscode.l10n.t({
            message: 'A name for project {0} in {1}, configured before (optional): the tree now lists both',
            args: [nameFirst.projectId, nameFirst.endpoint || nameFirst.region],
            comment: ['{0} is the id of the project configured before, {1} its region or endpoint'],
          }),
          value: firstName,
          back: true,
          keepTyped: (v) => (firstName = v),
        }),
        () => firstName,
        (v) => {
          firstName = v.trim();
          firstNameAnswered = true;
        },
        () => {
          firstName = '';
          skipped = 'firstName';
        },
        (v) =>
          nameQuestion(
            vscode.l10n.t({
              message: 'Save with the name typed for project {0}?',
              args: [nameFirst.projectId],
              comment: ['{0} is the id of the project configured before'],
            }),
            v,
          ),
      ),
    );
  return {
    steps: [
      async (first) =>
        required(
          await inputStep({
            title: stepTitle(before + 1, steps),
            prompt: vscode.l10n.t('Project id. {0}', whereProjectIdIs()),
            value: projectId,
            placeHolder: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
            back: !first,
            validate: (v) => {
              const refused = validateProjectId(v);
              if (refused) return refused;
              const warning = projectIdWarning(v);
              return warning ? { message: warning, severity: vscode.InputBoxValidationSeverity.Warning } : undefined;
            },
            keepTyped: (v) => (projectId = v),
          }),
          (v) => (projectId = v.trim()),
        ),
      async () => {
        const items = regionItems(region, current?.region);
        return required(
          await pickStep<RegionItem>({
            title: stepTitle(before + 2, steps),
            placeHolder: vscode.l10n.t('Region: type a code, city or country'),
            items,
            active: items[0],
            back: true,
            matchOnDescription: true,
            matchOnDetail: true,
            extraFor: noRegionRow,
            acceptable: (item) => item.region !== undefined,
            value: regionTyped,
            keepTyped: (v) => (regionTyped = v),
          }),
          (item) => {
            region = item.region!;
            regionTyped = '';
          },
        );
      },
      // The endpoint may be left empty, but Escape here is no "skip": it would save a project the
      // user has not finished looking at.
      async () =>
        required(
          await inputStep({
            title: stepTitle(before + 3, steps),
            prompt: vscode.l10n.t({
              message: 'Endpoint override; leave empty to use {0}',
              args: [endpointForRegion(region)],
              comment: ["{0} is the region's endpoint URL"],
            }),
            value: endpoint,
            back: true,
            validate: validateEndpoint,
            keepTyped: (v) => (endpoint = v),
          }),
          (v) => (endpoint = v.trim()),
        ),
      ...nameSteps,
    ],
    typed,
    answers: () => {
      const id = projectId.trim();
      if (!id) return undefined;
      const checked = checkEndpoint(endpoint.trim());
      // "Save with the name" on the project's name ends the steps before the first one's is asked.
      const unasked = nameSteps.length > 1 && !skipped && !firstNameAnswered ? 'firstName' : undefined;
      return {
        project: {
          projectId: id,
          region,
          endpoint: endpoint.trim() && checked.ok ? checked.origin : '',
          ...(name.trim() && { name: name.trim() }),
        },
        ...(firstName && { firstName }),
        ...((skipped ?? unasked) && { skipped: skipped ?? unasked }),
      };
    },
  };
}
