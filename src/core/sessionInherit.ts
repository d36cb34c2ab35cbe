import { SessionSpec } from './sessionSpec';
import { SessionState } from './sessionState';

/**
 * What a new session of the same project and query takes over from the one it replaces (a new
 * credential for the same data): the last good counts and groups, so the view does not go blank;
 * undefined when it shows other data (or cannot connect).
 */
export function inheritedState(
  to: { readonly spec: SessionSpec; readonly state: SessionState },
  from: { readonly spec: SessionSpec; readonly state: SessionState },
): SessionState | undefined {
  if (
    to.state.problem ||
    from.spec.key !== to.spec.key ||
    JSON.stringify(from.spec.query) !== JSON.stringify(to.spec.query)
  )
    return undefined;
  const { counts, groups, unknownMissing, fetchedAt } = from.state;
  return {
    ...to.state,
    ...(counts && { counts }),
    groups,
    unknownMissing,
    ...(fetchedAt !== undefined && { fetchedAt }),
  };
}
