// The set-ups the integration suites run in, each in its own fresh VS Code (code-server) profile:
// what a user would have written by hand before starting VS Code, which a running suite cannot fake
// through the API (remote windows read settings written before start-up differently).
//
// A scenario: { suites: folders under out/test/integration whose *.test.js run, userSettings(ctx),
// workspaceFiles(ctx): { relative path: text }, args: extra code-server arguments, env(ctx),
// trust: true to leave workspace trust on (the folder then opens untrusted, in restricted mode),
// locale: a display language (a stub language pack is installed for it) }.
// ctx = { port, decoyPort: free loopback ports the suite may start simulators on }.
import { freePort } from './codeServer.mjs';

/** The simulator's default project id (src/simulator/dataset.ts). */
const SIMULATOR_PROJECT_ID = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';

/**
 * The suites written before app-server sub-jobs and failure grouping see the tree as it was then:
 * the image family alone (no family level; the `families` scenario shows both) and FAILED rows not
 * grouped by error code (subJobTree.test.ts turns grouping on and off itself).
 */
const IMAGE_ONLY = { 'workspaceJobs.families': ['image'], 'workspaceJobs.groupFailuresByErrorCode': false };

export const SCENARIOS = {
  /** Settings written through the API by the tests themselves. */
  main: { suites: ['suite'], userSettings: () => IMAGE_ONLY },
  /**
   * The project written by hand into User/settings.json before VS Code starts, as most users do;
   * code-server is a remote window, where machine-scoped values from that file stop counting after
   * the first configuration change.
   */
  'user-settings': {
    suites: ['scenarios/userSettings'],
    userSettings: ({ port }) => ({
      ...IMAGE_ONLY,
      'workspaceJobs.projectId': SIMULATOR_PROJECT_ID,
      'workspaceJobs.endpoint': `http://127.0.0.1:${port}`,
      'workspaceJobs.refreshInterval': 5,
    }),
  },
  /** VS Code in Chinese (Simplified): the extension's own words come from its zh-cn bundles. */
  'zh-cn': {
    suites: ['scenarios/zhCn'],
    userSettings: () => IMAGE_ONLY,
    locale: 'zh-cn',
  },
  /**
   * A cloned repository opened without trusting it: its .vscode/settings.json tries to change the
   * refresh interval and to send the user's credentials to another endpoint.
   */
  untrusted: {
    suites: ['scenarios/untrusted'],
    trust: true,
    userSettings: ({ port }) => ({
      ...IMAGE_ONLY,
      'security.workspace.trust.enabled': true,
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.banner': 'never',
      'workspaceJobs.projectId': SIMULATOR_PROJECT_ID,
      'workspaceJobs.endpoint': `http://127.0.0.1:${port}`,
      'workspaceJobs.refreshInterval': 30,
    }),
    workspaceFiles: ({ decoyPort }) => ({
      '.vscode/settings.json': JSON.stringify(
        {
          'workspaceJobs.jobTypes': ['CREATE_SERVER', 'DELETE_SERVER'],
          'workspaceJobs.refreshInterval': 7,
          'workspaceJobs.endpoint': `http://127.0.0.1:${decoyPort}`,
          'workspaceJobs.projectId': SIMULATOR_PROJECT_ID,
        },
        null,
        2,
      ),
    }),
  },
};

/** The scenario's concrete set-up, with a port picked for its simulator. */
export async function prepareScenario(name) {
  const scenario = SCENARIOS[name];
  if (!scenario) throw new Error(`unknown scenario ${name}; known: ${Object.keys(SCENARIOS).join(', ')}`);
  const ctx = { port: await freePort(), decoyPort: await freePort() };
  return {
    name,
    suites: scenario.suites,
    userSettings: scenario.userSettings?.(ctx) ?? {},
    workspaceFiles: scenario.workspaceFiles?.(ctx) ?? {},
    args: scenario.args ?? [],
    trust: scenario.trust ?? false,
    locale: scenario.locale,
    env: {
      WORKSPACE_JOBS_SIM_PORT: String(ctx.port),
      WORKSPACE_JOBS_DECOY_PORT: String(ctx.decoyPort),
      ...(scenario.env?.(ctx) ?? {}),
    },
  };
}
