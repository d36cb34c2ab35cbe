import type { SessionSpec } from '../core/projectSession';
import type { SessionState } from '../core/sessionState';
import { specFamily } from '../core/sessionSpec';
import { projectLabel } from '../core/projects';
import type { ProjectRow } from './treeModel';

/** The id of a project's row. */
export function projectRowId(sessionKey: string): string {
  return `project/${sessionKey}`;
}

/**
 * The project a session shows, as its row. With several families shown (`others`: the project's other
 * family sessions) what it says of refreshes covers them all: stale when one is, the oldest refresh.
 */
export function projectRow(
  spec: SessionSpec,
  state: SessionState,
  others: ReadonlyArray<{ readonly spec: SessionSpec; readonly state: SessionState }> = [],
): ProjectRow {
  const families = [{ spec, state }, ...others];
  // A family never answered (denied, still loading) says so in its own row; the time is of those that were.
  const refreshed = families.map((f) => f.state.fetchedAt).filter((at): at is number => at !== undefined);
  const listing = families.filter((f) => f.state.countingByListing).map((f) => specFamily(f.spec));
  return {
    kind: 'project',
    id: projectRowId(spec.key),
    sessionKey: spec.key,
    label: projectLabel(spec),
    projectId: spec.projectId,
    location: spec.location,
    endpoint: spec.endpoint,
    sampleData: spec.sampleData,
    credential: spec.credential,
    ...(refreshed.length && { lastRefresh: Math.min(...refreshed) }),
    stale: families.some((f) => f.state.failure !== undefined && f.state.counts !== undefined),
    ...(listing.length && { countingByListing: listing }),
  };
}
