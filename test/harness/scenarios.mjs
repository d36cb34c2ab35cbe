// The set-ups the integration suites run in, each in its own fresh VS Code (code-server) profile:
// what a user would have written by hand before starting VS Code, which a running suite cannot fake
// through the API (remote windows read settings written before start-up differently).
//
// A scenario: { suites: folders under out/test/integration whose *.test.js run, userSettings(ctx),
// workspaceFiles(ctx): { relative path: text }, args: extra code-server arguments, env(ctx),
// trust: true to leave workspace trust on (the folder then opens untrusted, in restricted mode),
// locale: a display language (a stub language pack is installed for it), browserTimeZone: the zone
// the browser runs in (the user's machine), where the extension host's may differ (set TZ in env) }.
// ctx = { port, decoyPort: free loopback ports the suite may start simulators on }.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from './codeServer.mjs';

/** The simulator's default project id (src/simulator/dataset.ts). */
const SIMULATOR_PROJECT_ID = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
/** The simulator's default access key (src/simulator/signature.ts): not a secret, it opens only the simulator. */
const SIMULATOR_AK = 'SAMPLEAK0WORKSPACE00';
const SIMULATOR_SK = 'sample-secret-key-only-for-the-simulator';

/**
 * A temporary home, removed when this process ends (runIntegration.mjs removes its own temporary
 * directory likewise, once code-server has stopped): test keys only, but nothing is left in /tmp.
 */
function temporaryHome(prefix) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.once('exit', () => {
    try {
      fs.rmSync(home, { recursive: true, force: true });
    } catch {
      /* best effort: the process is ending */
    }
  });
  return home;
}

/** KooCLI profiles: a plain-text key (the simulator's test key), an encrypted one, and an SSO one. */
const KOOCLI_PLAIN = {
  name: 'dev-sh',
  mode: 'AKSK',
  accessKeyId: 'KOOCLIAK000000000003',
  secretAccessKey: 'koocli-secret-key-3',
  region: 'cn-north-4',
  projectId: SIMULATOR_PROJECT_ID,
};
const KOOCLI_ENCRYPTED = {
  name: 'locked',
  mode: 'AKSK',
  accessKeyId: 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v2W3x4Y5z6+/==',
  secretAccessKey: 'c2VjcmV0IGJ1dCBlbmNyeXB0ZWQ=',
  region: 'cn-north-4',
};
const KOOCLI_SSO = {
  name: 'sso',
  mode: 'SSO',
  region: 'cn-north-4',
  ssoParam: { startUrl: 'https://idcenter.huaweicloud.com/d-1/portal', ssoRegion: 'cn-north-4' },
};

/** Writes KooCLI's config (`~/.hcloud/config.json`) into `home`, the plain profile current. */
function writeKooCliConfig(home, profiles) {
  fs.mkdirSync(path.join(home, '.hcloud'));
  fs.writeFileSync(
    path.join(home, '.hcloud', 'config.json'),
    JSON.stringify({ current: KOOCLI_PLAIN.name, profiles }, null, 2),
  );
}

/**
 * A home directory as a Huawei Cloud developer has it: the SDK credentials file, and KooCLI's config
 * with one plain, one encrypted and one SSO profile. The keys are the simulator's test keys.
 */
function foundCredentialsHome() {
  const home = temporaryHome('workspace-jobs-home-');
  fs.mkdirSync(path.join(home, '.huaweicloud'));
  fs.writeFileSync(
    path.join(home, '.huaweicloud', 'credentials'),
    '[basic]\nak = FILEAK00000000000001\nsk = file-secret-key-1\n',
  );
  writeKooCliConfig(home, [KOOCLI_PLAIN, KOOCLI_ENCRYPTED, KOOCLI_SSO]);
  return home;
}

/** A home holding only KooCLI's config: one plain-text profile (the current one) and one encrypted. */
function kooCliOnlyHome() {
  const home = temporaryHome('workspace-jobs-koocli-');
  writeKooCliConfig(home, [KOOCLI_PLAIN, KOOCLI_ENCRYPTED]);
  return home;
}

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
  /** Show Parent Job: the timeline of a simulator job, live, at 2,000 sub-jobs, axe in four themes. */
  timeline: {
    suites: ['scenarios/timeline'],
    // Both families (it opens an app-server job too); its tests open sub-jobs right under FAILED.
    userSettings: () => ({ 'workspaceJobs.groupFailuresByErrorCode': false }),
    // The user in Beijing, the extension host in a UTC container (Remote-SSH, WSL, code-server): the
    // panels' times must read as the browser's clock.
    browserTimeZone: 'Asia/Shanghai',
    env: () => ({ TZ: 'UTC' }),
  },
  /** VS Code in Chinese (Simplified): the extension's own words come from its zh-cn bundles. */
  'zh-cn': {
    suites: ['scenarios/zhCn'],
    userSettings: () => IMAGE_ONLY,
    locale: 'zh-cn',
  },
  /** IAM Identity Center sign-in: the device flow approved through the simulator's page, Sign Out mid-flow. */
  sso: {
    suites: ['scenarios/sso'],
    userSettings: () => IMAGE_ONLY,
  },
  /** Both families of sub-jobs (workspaceJobs.families unset, as on a new install), refreshed every 5 s. */
  families: {
    suites: ['scenarios/families'],
    userSettings: ({ port }) => ({
      // Its tests open sub-jobs right under FAILED; the grouping by error code has its own test.
      'workspaceJobs.groupFailuresByErrorCode': false,
      'workspaceJobs.projectId': SIMULATOR_PROJECT_ID,
      'workspaceJobs.endpoint': `http://127.0.0.1:${port}`,
      'workspaceJobs.refreshInterval': 5,
    }),
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

/**
 * Credentials the user already keeps: the SDK variables in the extension host's environment, the
 * SDK file and KooCLI profiles in a temporary home, no project configured; only the endpoint
 * points at the simulator, which also answers IAM's project calls.
 */
SCENARIOS['found-credentials'] = {
  suites: ['scenarios/foundCredentials'],
  userSettings: ({ port }) => ({
    ...IMAGE_ONLY,
    'workspaceJobs.endpoint': `http://127.0.0.1:${port}`,
    'workspaceJobs.refreshInterval': 5,
  }),
  env: ({ port }) => ({
    HOME: foundCredentialsHome(),
    HUAWEICLOUD_SDK_AK: SIMULATOR_AK,
    HUAWEICLOUD_SDK_SK: SIMULATOR_SK,
    HUAWEICLOUD_SDK_IAM_ENDPOINT: `http://127.0.0.1:${port}`,
  }),
};

/**
 * A new user whose only credential is a KooCLI plain-text profile: no SDK variables, no SDK file,
 * nothing configured; only the endpoint points at the simulator.
 */
SCENARIOS['koocli-only'] = {
  suites: ['scenarios/kooCliOnly'],
  userSettings: ({ port }) => ({
    ...IMAGE_ONLY,
    'workspaceJobs.endpoint': `http://127.0.0.1:${port}`,
    'workspaceJobs.refreshInterval': 5,
  }),
  env: () => ({ HOME: kooCliOnlyHome() }),
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
    browserTimeZone: scenario.browserTimeZone,
    env: {
      WORKSPACE_JOBS_SIM_PORT: String(ctx.port),
      WORKSPACE_JOBS_DECOY_PORT: String(ctx.decoyPort),
      ...(scenario.env?.(ctx) ?? {}),
    },
  };
}
