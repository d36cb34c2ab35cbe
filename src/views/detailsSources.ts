import * as vscode from 'vscode';
import type { SessionSpec } from '../core/sessionSpec';
import { sessionLabel, showsSeveralFamilies } from '../presentation/familyRows';
import type { DetailsSource } from '../model/detailsState';
import type { SessionEnd } from '../core/sessionEnd';
import type { SessionProblem } from '../core/sessionState';

/** Where a panel's sub-job comes from: a project and endpoint (or the simulator), as the view showed it. */
export interface PanelSource extends DetailsSource {
  /** Equal keys mean the same project through the same endpoint. */
  readonly key: string;
  /** Names it for a person: "project 0a1b… (cn-north-4)", "sample data (…)". */
  readonly label: string;
}

/** Where the panels file a panel: its source and sub-job. */
export function panelKey(source: PanelSource | undefined, subJobId: string): string {
  return `${source?.key ?? ''}#${subJobId}`;
}

type SourceSpec = Pick<SessionSpec, 'key' | 'projectKey' | 'family' | 'projectId' | 'name' | 'location' | 'sampleData'>;

/**
 * The source of a session's sub-jobs, as panels name it; with the sessions `shown`, the family too when
 * its project shows both (the two sessions' projects read the same).
 */
export function sourceOf(
  session: { readonly spec: SourceSpec },
  shown: ReadonlyArray<{ readonly spec: SourceSpec }> = [],
): PanelSource {
  const spec = session.spec;
  const several = showsSeveralFamilies(shown, session);
  return {
    key: spec.key,
    label: spec.sampleData
      ? vscode.l10n.t({
          message: 'sample data ({0})',
          args: [spec.projectId],
          comment: ["Where a details panel's sub-job comes from: the built-in simulator; {0} is its project id"],
        })
      : vscode.l10n.t({
          message: 'project {0} ({1})',
          args: [sessionLabel(spec, several), spec.location],
          comment: [
            "Where a details panel's sub-job comes from; {0} is the project's name or id, {1} its region or endpoint",
          ],
        }),
  };
}

/**
 * Why a panel is no longer refreshed, in one neutral line: the session the view shows for its
 * source cannot send (`problem`: no credentials, a filter that leaves no job type…), its session
 * ended (how, when the session said), or the view does not show its source (or nothing at all).
 */
export function stoppedNotice(
  source: PanelSource | undefined,
  end: SessionEnd | undefined,
  problem?: SessionProblem,
): string {
  if (source && problem) return problemNotice(source, problem);
  switch (end) {
    case 'sampleDataStopped':
      return vscode.l10n.t({
        message: 'No longer refreshed: sample data stopped.',
        comment: ['Said in a details panel whose sub-job is no longer refreshed; not an error'],
      });
    case 'projectRemoved':
      return vscode.l10n.t({
        message: 'No longer refreshed: project removed.',
        comment: ['Said in a details panel whose sub-job is no longer refreshed; not an error'],
      });
    case 'sampleDataStarted':
      return vscode.l10n.t({
        message: 'No longer refreshed: the view shows sample data instead of {0}.',
        args: [source?.label ?? ''],
        comment: ['Said in a details panel whose sub-job is no longer refreshed; not an error; {0} names its project'],
      });
    case 'appServerFamilyHidden':
      return vscode.l10n.t({
        message: 'No longer refreshed: app server jobs are no longer shown.',
        comment: [
          'Said in a details panel whose sub-job is no longer refreshed; not an error; see the families setting',
        ],
      });
    case 'imageFamilyHidden':
      return vscode.l10n.t({
        message: 'No longer refreshed: image jobs are no longer shown.',
        comment: [
          'Said in a details panel whose sub-job is no longer refreshed; not an error; see the families setting',
        ],
      });
    case 'projectMoved':
      return vscode.l10n.t({
        message: 'No longer refreshed: the project now uses another region or endpoint.',
        comment: ['Said in a details panel whose sub-job is no longer refreshed; not an error'],
      });
  }
  return source
    ? vscode.l10n.t({
        message:
          'No longer refreshed: this sub-job comes from {0}, which the view no longer shows. It is refreshed again when the view shows that source.',
        args: [source.label],
        comment: [
          '{0} names where the sub-job came from, e.g. "project Singapore (ap-southeast-3)" or "sample data (…)"',
        ],
      })
    : vscode.l10n.t('Not connected: configure a project and set a token (or try sample data) to refresh this sub-job.');
}

/** The source's session is shown (the tree says the same in its row) but cannot send: what would make it. */
function problemNotice(source: PanelSource, problem: SessionProblem): string {
  switch (problem.kind) {
    case 'noCredentials':
      return vscode.l10n.t({
        message: 'No longer refreshed: {0} has no credentials. Add credentials to refresh it again.',
        args: [source.label],
        comment: [
          'Said in a details panel whose sub-job is no longer refreshed; not an error; {0} names its project, e.g. "project Singapore (ap-southeast-3)"',
        ],
      });
    case 'notCovered':
      return vscode.l10n.t({
        message:
          'No longer refreshed: no credential is for {0} (the token is for another project). Sign in for it, or set an access key, to refresh it again.',
        args: [source.label],
        comment: [
          'Said in a details panel whose sub-job is no longer refreshed; not an error; {0} names its project, e.g. "project Singapore (ap-southeast-3)"',
        ],
      });
    case 'noJobTypes':
      return vscode.l10n.t({
        message:
          'No longer refreshed: the filter leaves none of the configured job types, so {0} is not asked. Clear the filters to refresh it again.',
        args: [source.label],
        comment: [
          'Said in a details panel whose sub-job is no longer refreshed; not an error; {0} names its project, e.g. "project Singapore (ap-southeast-3)"',
        ],
      });
    case 'badEndpoint':
    case 'badProjectId':
      return vscode.l10n.t({
        message: 'No longer refreshed: the settings of {0} are refused: {1} Run Configure Project to refresh it again.',
        args: [source.label, withStop(problem.reason)],
        comment: [
          'Said in a details panel whose sub-job is no longer refreshed; not an error; {0} names its project, e.g. "project Singapore (ap-southeast-3)"',
          '{1} is the reason, a sentence',
        ],
      });
    case 'badProxy':
      return vscode.l10n.t({
        message: 'No longer refreshed: {0} cannot be reached: {1} Check the http.proxy setting to refresh it again.',
        args: [source.label, withStop(problem.reason)],
        comment: [
          'Said in a details panel whose sub-job is no longer refreshed; not an error; {0} names its project, e.g. "project Singapore (ap-southeast-3)"',
          '{1} is the reason, a sentence',
        ],
      });
  }
}

/** A reason quoted mid-sentence ends as a sentence does. */
function withStop(reason: string): string {
  return /[.!?。]$/.test(reason.trim()) ? reason.trim() : `${reason.trim()}.`;
}
