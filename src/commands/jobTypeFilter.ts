import * as vscode from 'vscode';
import { FilterStore } from '../core/filterStore';
import { SubJobFilter } from '../core/filter';
import {
  AppServerJobType,
  Family,
  FAMILIES,
  familyJobTypes,
  parseQualifiedJobType,
  qualifiedJobType,
} from '../model/family';
import { JobType } from '../model/subJob';
import { familyLabel } from '../presentation/familyRows';

/** What a job type (raw API value) does, beside it in the picker. */
function jobTypeDescription(family: Family, jobType: string): string | undefined {
  if (family === 'appServer') return undefined;
  switch (jobType) {
    case 'CREATE_SERVER':
      return vscode.l10n.t({ message: 'create image instance', comment: ['What the job type CREATE_SERVER does'] });
    case 'CREATE_SERVER_IMAGE':
      return vscode.l10n.t({ message: 'build image', comment: ['What the job type CREATE_SERVER_IMAGE does'] });
    case 'DELETE_SERVER':
      return vscode.l10n.t({ message: 'delete image instance', comment: ['What the job type DELETE_SERVER does'] });
    default:
      return undefined;
  }
}

/** The filter's job types as qualified names (CREATE_SERVER, appServer:REINSTALL_OS). */
export function pickedJobTypes(filter: SubJobFilter): string[] {
  return [...(filter.jobTypes ?? []), ...(filter.appServerJobTypes ?? []).map((t) => qualifiedJobType('appServer', t))];
}

/**
 * The filter for these qualified job types, ticked among the `shown` families' types: each family's
 * apart. A family not shown keeps its part of the `current` filter. Nothing ticked shows every type
 * of the shown families; every type of every shown family ticked (with no hidden family narrowed)
 * is no job type filter at all, as ticking every type was before families.
 */
export function jobTypeFilter(
  qualified: readonly string[],
  shown: readonly Family[] = FAMILIES,
  current: SubJobFilter = {},
): Pick<SubJobFilter, 'jobTypes' | 'appServerJobTypes'> {
  const ticked = new Map<Family, string[]>(FAMILIES.map((f) => [f, []]));
  for (const value of qualified) {
    const parsed = parseQualifiedJobType(value);
    const list = parsed && ticked.get(parsed.family);
    if (list && shown.includes(parsed.family) && !list.includes(parsed.jobType)) list.push(parsed.jobType);
  }
  const none = shown.every((f) => !ticked.get(f)!.length);
  const part = (family: Family): readonly string[] => {
    if (!shown.includes(family))
      return family === 'image' ? (current.jobTypes ?? []) : (current.appServerJobTypes ?? []);
    // In the family's own order, whatever order they were ticked or typed in.
    return none ? familyJobTypes(family) : familyJobTypes(family).filter((t) => ticked.get(family)!.includes(t));
  };
  const complete = (family: Family) => part(family).length === familyJobTypes(family).length;
  const unfiltered = FAMILIES.every((f) => complete(f) || (!shown.includes(f) && !part(f).length));
  if (unfiltered) return { jobTypes: undefined, appServerJobTypes: undefined };
  const image = part('image') as JobType[];
  const appServer = part('appServer') as AppServerJobType[];
  return { jobTypes: image.length ? image : undefined, appServerJobTypes: appServer.length ? appServer : undefined };
}

type JobTypeItem = vscode.QuickPickItem & { readonly value?: string };

/**
 * Asks which job types to show: every shown family's types under a separator with its name, the
 * current choice ticked. Undefined when dismissed.
 */
export async function pickJobTypes(
  filters: FilterStore,
  families: readonly Family[],
): Promise<Pick<SubJobFilter, 'jobTypes' | 'appServerJobTypes'> | undefined> {
  const current = new Set(pickedJobTypes(filters.current));
  const shown = FAMILIES.filter((f) => families.includes(f));
  const items: JobTypeItem[] = shown.flatMap((family) => [
    // With one family there is nothing to tell apart: the list is as it was before families.
    ...(shown.length > 1 ? [{ label: familyLabel(family), kind: vscode.QuickPickItemKind.Separator }] : []),
    ...familyJobTypes(family).map((jobType) => {
      const value = qualifiedJobType(family, jobType);
      return {
        label: jobType,
        description: jobTypeDescription(family, jobType),
        picked: current.has(value),
        value,
      };
    }),
  ]);
  // One rule for both pickers: what is ticked is shown, and nothing ticked shows everything.
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Workspace Jobs: Filter by Job Type'),
    placeHolder: vscode.l10n.t('Tick the job types to show; none ticked shows all'),
    canPickMany: true,
  });
  if (!picked) return undefined;
  return jobTypeFilter(
    picked.flatMap((p) => (p.value ? [p.value] : [])),
    shown,
    filters.current,
  );
}
