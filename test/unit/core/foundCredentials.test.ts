import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { discoverCredentials } from '../../../src/core/foundCredentials';
import { MAX_CREDENTIALS_FILE_BYTES } from '../../../src/core/credentialFiles';
import { parseIni } from '../../../src/core/sdkCredentialsFile';
import { parseKooCliConfig, ssoDefaultsFrom } from '../../../src/core/kooCliConfig';

const SECRET = 'VerySecretKeyThatMustNeverShow0123456789';

async function home(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'found-creds-'));
  for (const [name, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await fs.writeFile(path.join(dir, name), content);
  }
  return dir;
}

function noSecretIn(found: { sources: readonly object[] }): void {
  const text = JSON.stringify(found.sources);
  // Any six characters of it: a parser's message quotes a window around the error, not the whole key.
  for (let at = 0; at + 6 <= SECRET.length; at++)
    assert.ok(!text.includes(SECRET.slice(at, at + 6)), `part of a secret reached a label, detail or reason: ${text}`);
  assert.ok(!text.includes('SECRETTOKEN'), 'a security token reached a label, detail or reason');
}

const koocli = JSON.stringify({
  current: 'dev-sh',
  profiles: [
    {
      name: 'dev-sh',
      mode: 'AKSK',
      accessKeyId: 'KOOPLAINAK0000000001',
      secretAccessKey: SECRET,
      region: 'cn-east-3',
      projectId: 'p-sh',
    },
    {
      name: 'locked',
      mode: 'AKSK',
      accessKeyId: 'bXlzZWNyZXRjaXBoZXJ0ZXh0aGVyZWlzbG9uZ2VyPT0=',
      secretAccessKey: 'Zm9vYmFy+/==',
      region: 'cn-north-4',
    },
    {
      name: 'sso',
      mode: 'SSO',
      region: 'ap-southeast-1',
      ssoParam: { startUrl: 'https://idcenter.huaweicloud.com/d-1/portal', ssoRegion: 'ap-southeast-1' },
      ssoAuth: { accountName: 'ACCOUNT_01', agencyName: 'PERMISSION_01', accessToken: SECRET },
    },
  ],
});

test('found in the SDKs order, each labelled, no secret in what is shown', async () => {
  const dir = await home({
    '.huaweicloud/credentials': `[basic]\nak = FILEAK00000000000001\nsk = ${SECRET}\nproject_id = p-file\n`,
    '.hcloud/config.json': koocli,
  });
  const found = await discoverCredentials({
    env: {
      HUAWEICLOUD_SDK_AK: 'ENVAK000000000000001',
      HUAWEICLOUD_SDK_SK: SECRET,
      HUAWEICLOUD_SDK_SECURITY_TOKEN: 'SECRETTOKEN',
      HUAWEICLOUD_SDK_PROJECT_ID: 'p-env',
    },
    home: dir,
  });
  assert.deepEqual(
    found.sources.map((s) => [s.id, s.label, !s.reason]),
    [
      ['env', 'Environment (HUAWEICLOUD_SDK_AK)', true],
      ['sdkFile', 'SDK credentials file', true],
      ['koocli:dev-sh', 'KooCLI profile dev-sh', true],
      ['koocli:locked', 'KooCLI profile locked', false],
      ['koocli:sso', 'KooCLI profile sso', false],
    ],
  );
  assert.equal(found.source('env')?.detail, 'AK ENVA… (temporary) · project p-env');
  assert.equal(found.source('koocli:dev-sh')?.detail, 'AK KOOP… · project p-sh · cn-east-3');
  assert.equal(found.source('koocli:locked')?.encrypted, true);
  assert.match(found.source('koocli:locked')?.reason ?? '', /encrypted.*--cli-auth-encrypt=false/);
  assert.equal(found.credential('koocli:locked'), undefined);
  assert.deepEqual(found.credential('env'), {
    kind: 'accessKey',
    accessKeyId: 'ENVAK000000000000001',
    secretKey: SECRET,
    securityToken: 'SECRETTOKEN',
    from: 'from HUAWEICLOUD_SDK_AK',
    source: { id: 'env', label: 'Environment (HUAWEICLOUD_SDK_AK)' },
  });
  assert.equal(found.credential('koocli:dev-sh')?.from, '(KooCLI profile dev-sh)');
  assert.deepEqual(found.ssoProfiles, [
    {
      profile: 'sso',
      region: 'ap-southeast-1',
      startUrl: 'https://idcenter.huaweicloud.com/d-1/portal',
      ssoRegion: 'ap-southeast-1',
      accountName: 'ACCOUNT_01',
      agencyName: 'PERMISSION_01',
    },
  ]);
  noSecretIn(found);
  // Nothing secret is reachable by serialising the whole result either.
  assert.ok(!JSON.stringify(found).includes(SECRET));
});

test('HUAWEICLOUD_SDK_CREDENTIALS_FILE names the file; an AK without SK is said so', async () => {
  const dir = await home({ 'elsewhere.ini': `[basic]\nak = OTHERAK0000000000001\nsk = ${SECRET}\n` });
  const found = await discoverCredentials({
    env: {
      HUAWEICLOUD_SDK_AK: 'ENVAK000000000000001',
      HUAWEICLOUD_SDK_CREDENTIALS_FILE: path.join(dir, 'elsewhere.ini'),
    },
    home: dir,
  });
  assert.equal(found.source('env')?.reason, 'HUAWEICLOUD_SDK_SK is not set');
  assert.equal(found.credential('sdkFile')?.accessKeyId, 'OTHERAK0000000000001');
});

test('hostile credentials files: one clear line each, never a crash, never the secret', async () => {
  const cases: Array<[string, string | Uint8Array, RegExp]> = [
    ['duplicate section', `[basic]\nak = A\n[basic]\nsk = ${SECRET}\n`, /line 3: section \[basic\] appears twice/],
    ['duplicate key', `[basic]\nak = A\nAK = ${SECRET}\n`, /line 3: key ak appears twice/],
    ['key before section', `ak = ${SECRET}\n[basic]\n`, /line 1: a key before any \[section\]/],
    ['no separator', `[basic]\n${SECRET}\n`, /line 2: not "key = value"/],
    ['global only', `[global]\nak = A\nsk = ${SECRET}\n`, /only a \[global\] section/],
    ['binary', new Uint8Array([0x5b, 0x00, 0xff, 0x01]), /is binary/],
    ['not UTF-8', new Uint8Array([0x5b, 0x62, 0x61, 0xc3, 0x28, 0x5d]), /not UTF-8/],
    ['huge', 'x'.repeat(MAX_CREDENTIALS_FILE_BYTES + 10), /larger than 1 MiB/],
    ['__proto__', `[__proto__]\nak = A\n[basic]\n__proto__ = x\nak = A\n`, /has no sk/],
  ];
  for (const [name, content, expected] of cases) {
    const dir = await home({ '.huaweicloud/credentials': content });
    const found = await discoverCredentials({ env: {}, home: dir });
    const source = found.source('sdkFile');
    assert.ok(source?.reason, `${name}: no reason`);
    assert.match(source.reason, expected, name);
    assert.ok(!source.reason.includes('\n'), `${name}: more than one line`);
    noSecretIn(found);
    assert.equal(({} as Record<string, unknown>).ak, undefined, `${name}: polluted Object.prototype`);
  }
});

test('a FIFO or a device as the credentials file: refused at once with one line, nothing waits for a writer', async () => {
  const dir = await home({});
  const fifo = path.join(dir, 'creds');
  execFileSync('mkfifo', [fifo]);
  for (const file of [fifo, '/dev/zero']) {
    const discovery = discoverCredentials({ env: { HUAWEICLOUD_SDK_CREDENTIALS_FILE: file }, home: dir });
    const settled = await Promise.race([
      discovery,
      new Promise<'pending'>((r) => setTimeout(() => r('pending'), 1000)),
    ]);
    // Unblocks a reader the old code left waiting in open(), so this file's test process can end.
    await fs.open(fifo, fsConstants.O_WRONLY | fsConstants.O_NONBLOCK).then(
      (h) => h.close(),
      () => undefined,
    );
    assert.notEqual(settled, 'pending', `${file}: discovery still waiting after 1 s`);
    if (settled === 'pending') continue;
    const reason = settled.source('sdkFile')?.reason ?? '';
    assert.match(reason, /is not a regular file/, file);
    assert.ok(!reason.includes('\n'), `${file}: more than one line`);
  }
});

test('hostile KooCLI files: wrong types, duplicates, __proto__, not JSON', async () => {
  const cases: Array<[string, string, RegExp]> = [
    ['not JSON', `{"profiles": [${SECRET}`, /is not valid JSON \(line 1, column 15\)$/],
    [
      'secret lost its quotes',
      `{"profiles": [{"name": "a",\n  "secretAccessKey": ${SECRET}}]}`,
      /is not valid JSON \(line 2, column 22\)$/,
    ],
    ['cut short', `{"profiles": [{"name": "a"`, /is not valid JSON \(line 1, column 27\)$/],
    ['not an object', '[1,2]', /is not a JSON object/],
    ['profiles not a list', '{"profiles": {"a": 1}}', /"profiles" is not a list/],
    ['entry not an object', '{"profiles": [42]}', /profiles\[0\] is not an object/],
    [
      'no name',
      `{"profiles": [{"name": 7, "accessKeyId": "AK", "secretAccessKey": "${SECRET}"}]}`,
      /has no usable name/,
    ],
    [
      'duplicate',
      `{"profiles": [{"name": "a", "accessKeyId": "AKAKAKAKAK", "secretAccessKey": "${SECRET}"}, {"name": "a"}]}`,
      /profile a appears twice/,
    ],
  ];
  for (const [name, content, expected] of cases) {
    const dir = await home({ '.hcloud/config.json': content });
    const found = await discoverCredentials({ env: {}, home: dir });
    const problems = found.sources.filter((s) => s.id === 'koocli');
    assert.equal(problems.length, 1, name);
    assert.match(problems[0].reason ?? '', expected, name);
    noSecretIn(found);
  }
  const proto = parseKooCliConfig(
    '{"__proto__": {"polluted": true}, "profiles": [{"name": "__proto__", "mode": "AKSK", "accessKeyId": "PROTOAK00000001", "secretAccessKey": "s", "region": ["x"]}]}',
  );
  assert.ok('ok' in proto);
  assert.equal(proto.ok.profiles[0].name, '__proto__');
  assert.equal(proto.ok.profiles[0].region, undefined, 'a region that is not a string is ignored');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('the INI parser reads what configparser reads', () => {
  const parsed = parseIni(
    '\uFEFF# comment\n[basic]\r\nAK: a\n; note\nsk = b = c\n  continued\n[DEFAULT]\nproject_id = p\n',
  );
  assert.ok('ok' in parsed);
  const basic = parsed.ok.sections.get('basic');
  assert.equal(basic?.get('ak'), 'a');
  assert.equal(basic?.get('sk'), 'b = c\ncontinued');
});

test('an explicit flag decides encryption; a plain-looking key with cli-auth-encrypt off is used', () => {
  const plain = parseKooCliConfig(
    '{"cliAuthEncrypt": false, "profiles": [{"name": "p", "accessKeyId": "bG9uZ2VyLXRoYW4tYW4tYWs9PQ==", "secretAccessKey": "s"}]}',
  );
  assert.ok('ok' in plain);
  assert.equal(plain.ok.profiles[0].encrypted, false);
  const flagged = parseKooCliConfig(
    '{"profiles": [{"name": "p", "authEncrypt": true, "accessKeyId": "PLAINLOOKING0001", "secretAccessKey": "s"}]}',
  );
  assert.ok('ok' in flagged);
  assert.equal(flagged.ok.profiles[0].encrypted, true);
  assert.equal(flagged.ok.profiles[0].keys, undefined);
});

test('a KooCLI SSO profile fills Sign In with IAM Identity Center: its start URL and its instance region', () => {
  assert.equal(ssoDefaultsFrom([]), undefined);
  assert.equal(ssoDefaultsFrom([{ profile: 'plain' }]), undefined);
  assert.deepEqual(
    ssoDefaultsFrom([
      { profile: 'no-url', region: 'cn-north-4' },
      { profile: 'sso', startUrl: 'https://example.signin/start', ssoRegion: 'ap-southeast-3', region: 'cn-north-4' },
    ]),
    { startUrl: 'https://example.signin/start', region: 'ap-southeast-3' },
  );
  assert.deepEqual(ssoDefaultsFrom([{ profile: 'sso', startUrl: 'https://x/start', region: 'cn-east-3' }]), {
    startUrl: 'https://x/start',
    region: 'cn-east-3',
  });
});
