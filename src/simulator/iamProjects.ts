/**
 * IAM's project look-ups as the simulator serves them, for an access key found without a region:
 * KeystoneShowProject (`GET /v3/projects/{project_id}`) and KeystoneListAuthProjects
 * (`GET /v3/auth/projects`), after the same AK/SK (or token) check as every other route.
 * The simulator has one project, named after its region as a region's default project is.
 */
export const IAM_PROJECT_ROUTE = /^\/v3\/projects\/([^/]+)$/;
export const IAM_AUTH_PROJECTS_PATH = '/v3/auth/projects';

export interface SimulatedProject {
  readonly id: string;
  readonly name: string;
  readonly domainId: string;
}

interface ProjectsAnswer {
  readonly status: number;
  readonly body: unknown;
}

function keystoneError(code: number, title: string, message: string): ProjectsAnswer {
  return { status: code, body: { error: { code, message, title } } };
}

/** The SDK's ProjectResult / AuthProjectResult shape. */
function projectBody(project: SimulatedProject, origin: string): Record<string, unknown> {
  return {
    id: project.id,
    name: project.name,
    domain_id: project.domainId,
    parent_id: project.domainId,
    is_domain: false,
    enabled: true,
    description: '',
    links: { self: `${origin}/v3/projects/${project.id}` },
  };
}

/**
 * The answer to an IAM project route, or undefined when the path is none of them. `authenticate`
 * is the gateway's check (undefined: passed).
 */
export function iamProjectsAnswer(
  method: string,
  pathname: string,
  origin: string,
  project: SimulatedProject,
  authenticate: () => ProjectsAnswer | undefined,
): ProjectsAnswer | undefined {
  const show = IAM_PROJECT_ROUTE.exec(pathname);
  if (!show && pathname !== IAM_AUTH_PROJECTS_PATH) return undefined;
  if (method !== 'GET') return keystoneError(405, 'Method Not Allowed', `The method ${method} is not allowed.`);
  const refused = authenticate();
  if (refused) return refused;
  if (!show)
    return { status: 200, body: { projects: [projectBody(project, origin)], links: { self: `${origin}${pathname}` } } };
  let id: string;
  try {
    id = decodeURIComponent(show[1]);
  } catch {
    id = show[1];
  }
  if (id !== project.id) return keystoneError(404, 'Not Found', `Could not find project: ${id}.`);
  return { status: 200, body: { project: projectBody(project, origin) } };
}
