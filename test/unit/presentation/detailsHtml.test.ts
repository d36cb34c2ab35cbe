import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError, NetworkError, ResponseError } from '../../../src/api/errors';
import { STATUSES, SubJob, SubJobStatus } from '../../../src/model/subJob';
import { DETAILS_ACTIONS } from '../../../src/model/detailsProtocol';
import { detailsState, parseDetailsState } from '../../../src/model/detailsState';
import { failureFromError } from '../../../src/presentation/detailsFailure';
import {
  DetailsInput,
  detailsTitle,
  renderDetailsBody,
  renderDetailsHtml,
} from '../../../src/presentation/detailsHtml';
import { escapeHtml, themeColorClass, themeColorVariable } from '../../../src/presentation/detailsMarkup';
import { setDisplayLocale } from '../../../src/model/locale';
import { STATUS_STYLES } from '../../../src/presentation/statusStyle';
import { aSubJob } from '../builders';

const NOW = Date.parse('2026-11-27T10:10:00.000Z');
const NONCE = 'bm9uY2Utbm9uY2Utbm9uY2U=';
const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

function input(overrides: Partial<DetailsInput> = {}): DetailsInput {
  return {
    subJob: aSubJob(),
    lastUpdated: NOW - 5_000,
    loading: false,
    refreshing: false,
    cspSource: CSP_SOURCE,
    nonce: NONCE,
    styleUri: `${CSP_SOURCE}/ext/media/details.css`,
    scriptUri: `${CSP_SOURCE}/ext/media/details.js`,
    now: NOW,
    ...overrides,
  };
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Every tag of the document, as a browser's tokenizer would see where tags start and end. */
function tags(html: string): Array<{ name: string; text: string }> {
  return [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>/g)].map((m) => ({
    name: m[1].toLowerCase(),
    text: m[0],
  }));
}

/** The text of the element carrying `marker` (an attribute or class), for the simple markup here. */
function section(html: string, marker: string): string {
  const start = html.indexOf(marker);
  assert.ok(start >= 0, `no ${marker}`);
  const end = html.indexOf('</section>', start);
  return html.slice(start, end < 0 ? undefined : end);
}

const XSS = [
  '<img src=x onerror=alert(1)>',
  '</script><script>alert(1)</script>',
  '" onmouseover="alert(1)',
  "' onfocus='alert(1)' autofocus='",
  '<svg onload=alert(1)>',
];

function assertInert(html: string): void {
  const all = tags(html);
  const scripts = all.filter((t) => t.name === 'script' && !t.text.startsWith('</'));
  assert.equal(scripts.length, 1, 'only the extension’s own script tag');
  assert.match(scripts[0].text, new RegExp(`nonce="${NONCE}"`));
  for (const tag of all) {
    // Quoted attribute values are data, not markup; a payload that broke out of its quotes would be left over.
    const bare = tag.text.replace(/"[^"]*"/g, '""');
    assert.ok(
      !['img', 'iframe', 'object', 'embed', 'style', 'link'].includes(tag.name) || tag.text.includes('details.css'),
      `unexpected tag ${tag.text}`,
    );
    assert.doesNotMatch(bare, /\son[a-z]+\s*=/i, `event handler attribute in ${tag.text}`);
    assert.doesNotMatch(bare, /\sautofocus/i, `autofocus in ${tag.text}`);
    assert.doesNotMatch(bare, /\sstyle\s*=/i, `inline style in ${tag.text}`);
    assert.doesNotMatch(bare, /'/, `single-quoted or unquoted junk in ${tag.text}`);
  }
}

test('escapeHtml escapes markup and both quote kinds', () => {
  assert.equal(
    escapeHtml(`<a href="x" title='y'>&amp;</a>`),
    '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
  );
  assert.equal(escapeHtml(undefined), '');
  assert.equal(escapeHtml(42), '42');
});

test('script and markup in every API string are shown as text', () => {
  for (const payload of XSS) {
    const subJob = aSubJob({
      status: 'FAILED',
      resourceName: payload,
      resourceId: payload,
      errorMessage: payload,
      errorCode: payload,
      jobType: payload,
      projectId: payload,
      jobId: payload,
      beginTime: payload,
      endTime: payload,
    });
    const failure = { message: payload, status: 500, errorCode: payload, errorMsg: payload, requestId: payload };
    const html = renderDetailsHtml(input({ subJob, failure, notFound: true, autoRefreshSeconds: 30 }));
    assertInert(html);
    assert.ok(html.includes(escapeHtml(payload)), 'the payload shows, escaped');
    assert.ok(!html.includes(payload), 'never raw');
    // The page's own state attribute carries the payload only escaped, and it reads back intact.
    const state = /data-state="([^"]*)"/.exec(html);
    assert.ok(state);
    assert.equal(JSON.parse(unescapeHtml(state[1])).subJob.resourceName, payload);
  }
});

test('the error message reads back exactly as the API sent it', () => {
  const message = '<b>Disk</b> "quota" & \'limits\'\nsecond line';
  const html = renderDetailsBody(input({ subJob: aSubJob({ status: 'FAILED', errorMessage: message }) }));
  const match = /<dd class="error-message selectable">([\s\S]*?)<\/dd>/.exec(html);
  assert.ok(match);
  assert.equal(unescapeHtml(match[1]), message);
});

test('a strict Content-Security-Policy with the nonce and nothing inline', () => {
  const html = renderDetailsHtml(input());
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(meta, 'CSP meta tag');
  const csp = unescapeHtml(meta[1]);
  assert.equal(
    csp,
    `default-src 'none'; style-src ${CSP_SOURCE}; script-src 'nonce-${NONCE}'; img-src ${CSP_SOURCE} data:;`,
  );
  assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
  assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<link'), 'the policy comes before any resource');
  assert.ok(html.includes(`<script nonce="${NONCE}" src="${CSP_SOURCE}/ext/media/details.js"></script>`));
  assert.ok(html.includes(`<link rel="stylesheet" href="${CSP_SOURCE}/ext/media/details.css">`));
  assertInert(html);
});

test('every field is shown', () => {
  const subJob = aSubJob({
    status: 'SUCCESS',
    jobType: 'CREATE_SERVER',
    resourceName: 'golden-image',
    resourceId: 'res-123',
    jobId: 'job-456',
    projectId: 'proj-789',
    beginTime: '2026-11-27T10:00:00.000Z',
    endTime: '2026-11-27T10:04:30.000Z',
  });
  const html = renderDetailsBody(input({ subJob }));
  for (const label of [
    'Status',
    'Job type',
    'Resource name',
    'Resource ID',
    'Sub-job ID',
    'Parent job ID',
    'Project ID',
    'Begin time',
    'End time',
    'Duration',
  ]) {
    assert.ok(html.includes(`<dt>${label}</dt>`), label);
  }
  for (const value of [
    'CREATE_SERVER',
    'golden-image',
    'res-123',
    subJob.id,
    'job-456',
    'proj-789',
    'Succeeded',
    'SUCCESS',
    '4 min 30 sec',
  ]) {
    assert.ok(html.includes(value), value);
  }
  // Local time plus ISO for both ends.
  for (const iso of [subJob.beginTime, subJob.endTime]) {
    const local = new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
    assert.ok(
      html.includes(
        `<time datetime="${iso}">${escapeHtml(local)}</time> <code class="mono iso selectable">${iso}</code>`,
      ),
      iso,
    );
  }
  assert.match(html, /<h1 id="title">golden-image<\/h1>/);
});

test('a running sub-job: no end time yet, and the duration so far', () => {
  const subJob = aSubJob({ status: 'RUNNING', beginTime: '2026-11-27T10:00:00.000Z', endTime: '' });
  const html = renderDetailsBody(input({ subJob, autoRefreshSeconds: 30 }));
  assert.match(html, /not finished yet/);
  assert.match(html, /10 min 0 sec <span class="empty">so far<\/span>/);
  assert.match(html, /Refreshes every 30 s until the sub-job finishes/);
  assert.match(html, /class="status-icon large tc-charts-blue spin"/, 'the running icon spins');
});

test('the status icon is drawn inline in the status’s theme colour', () => {
  for (const status of STATUSES) {
    const html = renderDetailsBody(input({ subJob: aSubJob({ status }) }));
    const style = STATUS_STYLES[status];
    const icon = new RegExp(
      `<span class="status-icon large ${themeColorClass(style.color)}[^"]*" data-status="${status}" title="${style.title}" aria-hidden="true"><svg `,
    );
    assert.match(html, icon, status);
    assert.ok(html.includes(style.title), status);
  }
});

test('media/details.css colours each status icon with its theme colour variable', () => {
  // Whitespace folded: the formatter may put a rule's declaration on its own line.
  const css = readFileSync(join(__dirname, '../../../../media/details.css'), 'utf8').replace(/\s+/g, ' ');
  for (const style of Object.values(STATUS_STYLES)) {
    const rule = `.status-icon.${themeColorClass(style.color)} { color: var(${themeColorVariable(style.color!)}); }`;
    assert.ok(css.includes(rule), rule);
  }
  // As text, status colours fall below 4.5:1 (charts.yellow on white is 3.1:1): only icons may take them.
  assert.doesNotMatch(css.replace(/\.status-icon\.tc-/g, ''), /\.tc-/, 'a status colour rule that could reach text');
  assert.equal(themeColorVariable('testing.iconFailed'), '--vscode-testing-iconFailed');
  assert.equal(themeColorVariable('charts.blue'), '--vscode-charts-blue');
});

test('media/details.css takes colours and fonts only from --vscode-* variables', () => {
  const css = readFileSync(join(__dirname, '../../../../media/details.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  assert.doesNotMatch(css, /#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/i, 'no literal colours');
  for (const [, property, value] of css.matchAll(
    /(?:^|[;{\s])((?:background-)?color|border(?:-[a-z]+)?-color|font-family|outline):\s*([^;]+);/g,
  )) {
    if (property === 'font-family' && value.trim() === 'inherit') continue;
    assert.match(value, /var\(--vscode-/, `${property}: ${value}`);
  }
});

test('status words are in the text colour; only the icons carry a status colour', () => {
  for (const status of STATUSES) {
    const html = renderDetailsBody(input({ subJob: aSubJob({ status }) }));
    for (const tag of tags(html)) {
      if (/class="[^"]*\btc-/.test(tag.text)) assert.match(tag.text, /class="status-icon\b/, `${status}: ${tag.text}`);
    }
  }
});

test('code elements keep the colours VS Code pairs with their background (ISO times stay readable in high contrast)', () => {
  const css = readFileSync(join(__dirname, '../../../../media/details.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  for (const [, selectors, body] of css.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
    // <code> is filled with textPreformat-background by VS Code: a colour of our own may vanish on it.
    if (/(^|[\s,])(code|\.mono|\.iso)\b/.test(selectors))
      assert.doesNotMatch(body, /(^|[;\s])color:/, `${selectors.trim()} sets a colour`);
  }
  const html = renderDetailsBody(input({ subJob: aSubJob({ beginTime: '2026-11-27T10:00:00.000Z' }) }));
  assert.match(html, /<code class="mono iso selectable">2026-11-27T10:00:00.000Z<\/code>/);
});

test('every top-level part of the panel is named, so an update replaces only what changed', () => {
  const cases = [
    input({ preview: true }),
    input({
      subJob: aSubJob({ status: 'FAILED', errorCode: 'E', errorMessage: 'boom' }),
      failure: { message: 'down', status: 503 },
    }),
    input({
      subJob: undefined,
      subJobRef: { id: '1', jobType: 'CREATE_SERVER', jobId: 'j' },
      loading: true,
      refreshing: true,
    }),
    input({ notFound: true }),
  ];
  for (const given of cases) {
    const body = renderDetailsBody(given);
    const template = body.replace(
      /<(header|section|p|dl)\b[^>]*>[\s\S]*?<\/\1>/g,
      (m) => `[${/data-part="([^"]+)"/.exec(m)?.[1] ?? 'UNNAMED'}]`,
    );
    const parts = [...template.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]);
    assert.ok(parts.length >= 2, template);
    assert.ok(!parts.includes('UNNAMED'), template);
    assert.equal(new Set(parts).size, parts.length, `names are unique: ${parts.join(', ')}`);
  }
});

test('a failed refresh is not shown beside an older "not found": whether the sub-job exists is unknown', () => {
  const html = renderDetailsBody(
    input({ notFound: true, failure: { message: 'Cannot reach https://example.com: timed out' } }),
  );
  assert.match(html, /Refresh failed/);
  assert.doesNotMatch(html, /Sub-job not found/);
});

test('a preview panel says so and offers Keep Open; a kept one does not', () => {
  const preview = renderDetailsBody(input({ preview: true }));
  assert.match(preview, /data-action="pin"[^>]*>.*<span>Keep Open<\/span>/);
  assert.match(preview, /class="preview-note">Preview: the next sub-job you click in the view opens here/);
  const kept = renderDetailsBody(input());
  assert.doesNotMatch(kept, /data-action="pin"|preview-note/);
});

test('the error block shows only for FAILED and ABNORMAL, with error_code and error_message', () => {
  for (const status of STATUSES) {
    const subJob = aSubJob({ status, errorCode: 'WKS.00129901', errorMessage: 'The service is now unavailable.' });
    const html = renderDetailsBody(input({ subJob }));
    const expected = status === 'FAILED' || status === 'ABNORMAL';
    assert.equal(html.includes('class="error-block'), expected, status);
    if (expected) {
      const block = section(html, 'class="error-block');
      assert.match(block, /role="alert"/);
      assert.match(block, new RegExp(`status-${status.toLowerCase()}`));
      assert.match(block, /<dt>error_code<\/dt><dd><code class="mono selectable">WKS\.00129901<\/code><\/dd>/);
      assert.match(
        block,
        /<dt>error_message<\/dt><dd class="error-message selectable">The service is now unavailable\.<\/dd>/,
      );
    } else {
      // Other statuses that carry an error still show it, as ordinary fields.
      assert.match(html, /<dt>Error code<\/dt>/, status);
      assert.match(html, /<dt>Error message<\/dt>/, status);
    }
  }
});

test('a failed sub-job without error details says none were reported', () => {
  const html = renderDetailsBody(input({ subJob: aSubJob({ status: 'ABNORMAL', errorCode: '', errorMessage: '' }) }));
  const block = section(html, 'class="error-block');
  assert.equal(block.match(/none reported/g)?.length, 2);
  assert.match(block, /This sub-job is abnormal/);
});

test('"Last updated" is always shown', () => {
  const withData = renderDetailsBody(input({ lastUpdated: NOW - 5 * 60_000 }));
  const iso = new Date(NOW - 5 * 60_000).toISOString();
  assert.match(withData, new RegExp(`Last updated <time datetime="${iso}"`));
  assert.match(
    withData,
    new RegExp(`\\(<span class="relative" data-since="${NOW - 5 * 60_000}">5 min\\. ago</span>\\)`),
  );
  assert.match(renderDetailsBody(input({ lastUpdated: undefined })), /Last updated: never/);
  assert.match(
    renderDetailsBody(input({ subJob: undefined, lastUpdated: undefined, loading: true, refreshing: true })),
    /Last updated: loading…/,
  );
  const subJob = aSubJob();
  const refreshing = renderDetailsBody(input({ subJob, refreshing: true }));
  assert.match(refreshing, /Refreshing…/);
  // The header (and a focused button in it) stays as it was while a poll runs.
  const header = (html: string) => html.slice(html.indexOf('<header'), html.indexOf('</header>'));
  assert.equal(header(refreshing), header(renderDetailsBody(input({ subJob, refreshing: false }))));
});

test('a failed refresh shows the API’s error fields and keeps the last good data', () => {
  const subJob = aSubJob({ resourceName: 'kept-image', status: 'RUNNING', endTime: '' });
  const failure = failureFromError(new ApiError(503, 'WKS.00000503', 'Service busy', 'req-abc-123'));
  const html = renderDetailsBody(input({ subJob, failure, lastUpdated: NOW - 60_000 }));
  const banner = section(html, 'class="banner failure"');
  assert.match(banner, /role="alert"/);
  assert.match(banner, /Refresh failed/);
  assert.match(banner, /HTTP 503/);
  assert.match(banner, /<dt>HTTP status<\/dt><dd>503<\/dd>/);
  assert.match(banner, /<dt>error_code<\/dt><dd>WKS\.00000503<\/dd>/);
  assert.match(banner, /<dt>error_msg<\/dt><dd>Service busy<\/dd>/);
  assert.match(banner, /<dt>X-Request-Id<\/dt><dd>req-abc-123<\/dd>/);
  assert.match(banner, /Showing the last data received/);
  assert.match(html, /kept-image/);
  assert.match(html, /<dl class="fields">/);
});

test('a failure without data says so without pretending to keep anything', () => {
  const html = renderDetailsBody(
    input({
      subJob: undefined,
      lastUpdated: undefined,
      subJobRef: { id: '7023', jobType: 'CREATE_SERVER', jobId: '9' },
      failure: { message: 'Not connected' },
    }),
  );
  assert.match(html, /Not connected/);
  assert.doesNotMatch(html, /Showing the last data/);
  assert.doesNotMatch(html, /<dt>HTTP status/);
  assert.match(html, /No data for this sub-job yet/);
  assert.match(html, /<code class="mono selectable">7023<\/code>/);
});

test('failureFromError: API fields, request ids, and never a stack trace', () => {
  assert.deepEqual(failureFromError(new ApiError(401, 'WKS.0001', 'Token expired', 'rid-1')), {
    message: "The API refused the credentials (HTTP 401). Set a new token or check the project's permissions.",
    status: 401,
    errorCode: 'WKS.0001',
    errorMsg: 'Token expired',
    requestId: 'rid-1',
  });
  const bare = failureFromError(new ApiError(404, '', '', ''));
  assert.equal(bare.errorCode, undefined);
  assert.equal(bare.requestId, undefined);
  assert.match(failureFromError(new ApiError(429, 'x', 'y', 'z')).message, /throttling/);
  assert.deepEqual(failureFromError(new NetworkError('https://example.test', 'ECONNREFUSED')), {
    message:
      'Cannot reach https://example.test: ECONNREFUSED. Check the endpoint, the http.proxy setting and the network; the log (Workspace Jobs: Show Log) has each attempt.',
  });
  const malformed = failureFromError(new ResponseError('/v1/p/image-server-sub-jobs', 'no count', 'rid-2'));
  assert.equal(malformed.requestId, 'rid-2');
  assert.match(malformed.message, /malformed response/);
  const generic = failureFromError(new Error('boom'));
  assert.deepEqual(generic, { message: 'boom' });
  assert.deepEqual(failureFromError('text'), { message: 'text' });
});

test('a sub-job that is gone says so and keeps its last data', () => {
  const html = renderDetailsBody(
    input({ subJob: aSubJob({ resourceName: 'old-one' }), notFound: true, autoRefreshSeconds: 30 }),
  );
  const banner = section(html, 'class="banner not-found"');
  assert.match(banner, /Sub-job not found/);
  assert.match(banner, /deleted/);
  assert.match(banner, /Showing the last data received/);
  assert.match(html, /old-one/);
  assert.match(html, /Not refreshed automatically while the sub-job is not found/);
});

test('buttons carry data-action and are disabled when there is nothing to act on', () => {
  const html = renderDetailsBody(input({ subJob: aSubJob({ resourceId: '' }), preview: true }));
  for (const action of DETAILS_ACTIONS)
    assert.match(html, new RegExp(`<button type="button" class="[^"]*" data-action="${action}"`), action);
  for (const label of ['Refresh', 'Copy Sub-Job ID', 'Copy Job ID', 'Copy Resource ID', 'Copy as JSON'])
    assert.ok(html.includes(`<span>${label}</span>`), label);
  assert.match(html, /data-action="copy-resourceId" disabled/);
  assert.doesNotMatch(html, /data-action="copy-id" disabled/);
  const empty = renderDetailsBody(
    input({
      subJob: undefined,
      subJobRef: { id: '1', jobType: 'CREATE_SERVER', jobId: '' },
      loading: true,
      refreshing: true,
    }),
  );
  assert.match(empty, /data-action="copy-json" disabled/);
  assert.match(empty, /data-action="copy-jobId" disabled/);
  assert.doesNotMatch(empty, /data-action="refresh" disabled/);
  assert.match(empty, /Loading the sub-job…/);
});

test('automatic refresh is described by status and setting', () => {
  const finished = renderDetailsBody(input({ subJob: aSubJob({ status: 'SUCCESS' }), autoRefreshSeconds: 30 }));
  assert.match(finished, /Finished: not refreshed automatically/);
  const off = renderDetailsBody(input({ subJob: aSubJob({ status: 'WAITING' }), autoRefreshSeconds: 0 }));
  assert.match(off, /Automatic refresh is off/);
});

test('the persisted state restores the panel and rejects anything else', () => {
  const subJob = aSubJob({ status: 'RUNNING' });
  const state = detailsState({ subJob, lastUpdated: NOW });
  assert.deepEqual(parseDetailsState(JSON.parse(JSON.stringify(state))), {
    subJobRef: { id: subJob.id, jobType: subJob.jobType, jobId: subJob.jobId, status: 'RUNNING' },
    subJob,
    lastUpdated: NOW,
  });
  // The listing a sub-job came from survives too: a BUILD_IMAGE sub-job is looked up under CREATE_SERVER_IMAGE.
  const built = aSubJob({ jobType: 'BUILD_IMAGE', listedAs: 'CREATE_SERVER_IMAGE' });
  const restored = parseDetailsState(JSON.parse(JSON.stringify(detailsState({ subJob: built, lastUpdated: NOW }))));
  assert.equal(restored?.subJobRef.listedAs, 'CREATE_SERVER_IMAGE');
  assert.equal(restored?.subJob?.listedAs, 'CREATE_SERVER_IMAGE');
  const refOnly = { subJobRef: { id: '1', jobType: 'CREATE_SERVER', jobId: '' } };
  assert.deepEqual(parseDetailsState(refOnly), { ...refOnly, subJob: undefined, lastUpdated: undefined });
  for (const bad of [
    undefined,
    null,
    'x',
    {},
    { subJobRef: { id: '', jobType: 'A', jobId: '' } },
    { subJobRef: { id: 1, jobType: 'A', jobId: '' } },
  ]) {
    assert.equal(parseDetailsState(bad), undefined, JSON.stringify(bad));
  }
  // A sub-job that does not match its reference, or is not a sub-job, is dropped; the reference stays.
  const mismatched = parseDetailsState({ subJobRef: refOnly.subJobRef, subJob: aSubJob(), lastUpdated: NOW });
  assert.equal(mismatched?.subJob, undefined);
  assert.equal(mismatched?.lastUpdated, undefined);
  // A status added after this version is kept; a missing one is not a sub-job.
  assert.equal(parseDetailsState({ ...state, subJob: { ...subJob, status: 'PAUSED' } })?.subJob?.status, 'PAUSED');
  const badStatus = parseDetailsState({ ...state, subJob: { ...subJob, status: 7 as unknown as SubJobStatus } });
  assert.equal(badStatus?.subJob, undefined);
  const extra = parseDetailsState({ ...state, subJob: { ...subJob, evil: '<script>' } as SubJob });
  assert.ok(extra?.subJob);
  assert.equal('evil' in extra.subJob, false);
});

test('the title names the sub-job by what a person recognises', () => {
  assert.equal(detailsTitle({ subJob: aSubJob({ resourceName: 'web-image' }) }), 'Sub-job web-image');
  assert.equal(detailsTitle({ subJob: aSubJob({ resourceName: '', resourceId: 'res-1' }) }), 'Sub-job res-1');
  assert.equal(detailsTitle({ subJobRef: { id: '77', jobType: 'CREATE_SERVER', jobId: '' } }), 'Sub-job 77');
  const html = renderDetailsHtml(input({ subJob: aSubJob({ resourceName: '<b>x</b>' }) }));
  assert.match(html, /<title>Sub-job &lt;b&gt;x&lt;\/b&gt;<\/title>/);
});

test('a status this version does not know is shown as sent, with a neutral icon, and escaped', () => {
  const html = renderDetailsBody(input({ subJob: aSubJob({ status: 'PAUSED<b>' }) }));
  assert.match(
    html,
    /<span class="status-icon large [^"]*" data-status="PAUSED&lt;b&gt;" title="PAUSED&lt;b&gt;" aria-hidden="true"><svg /,
  );
  assert.ok(!html.includes('PAUSED<b>'));
  assert.ok(!/class="[^"]*tc-undefined/.test(html), 'no colour class for a neutral status');
  assert.doesNotMatch(html, /This sub-job failed/);
});

test('a panel keeps the source it was opened for across a window reload', () => {
  const subJob = aSubJob({ status: 'RUNNING' });
  const source = { key: 'https://workspace.example.com|p1', label: 'project p1 (cn-north-4)' };
  const state = detailsState({ subJob, lastUpdated: NOW, source });
  assert.deepEqual(parseDetailsState(JSON.parse(JSON.stringify(state)))?.source, source);
  assert.equal(parseDetailsState({ ...state, source: { key: 1 } })?.source, undefined);
});

test('a source label restored from webview state is shown as text', () => {
  const restored = parseDetailsState({
    subJobRef: { id: '1', jobType: 'CREATE_SERVER', jobId: '' },
    source: { key: 'k', label: '<img src=x onerror=alert(1)>' },
  });
  assert.equal(restored?.source?.label, '<img src=x onerror=alert(1)>');
  const html = renderDetailsBody(
    input({
      subJob: undefined,
      subJobRef: restored!.subJobRef,
      source: restored!.source,
      failure: { message: `This panel shows a sub-job of ${restored!.source!.label}, which the view no longer shows.` },
    }),
  );
  assert.ok(!html.includes('<img src=x'), 'no live element from the label');
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
});

test('the page says which language its words are in: the display language only when translated', () => {
  try {
    setDisplayLocale('zh-cn', true);
    assert.match(renderDetailsHtml(input()), /<html lang="zh-CN">/);
    // Japanese VS Code, English words (no Japanese bundle): a screen reader must read English.
    setDisplayLocale('ja', false);
    const html = renderDetailsHtml(input());
    assert.match(html, /<html lang="en">/);
    assert.match(html, /data-locale="ja"/, 'dates still follow the display language');
    // …and are read in Japanese: each time and duration says its own language.
    assert.match(html, /<time datetime="[^"]+" title="[^"]+" lang="ja">/);
    assert.match(html, /<dd><time datetime="[^"]+" lang="ja">/);
    assert.match(html, /<span lang="ja">[^<]+<\/span>/, 'the duration');
    setDisplayLocale('zh-cn', true);
    assert.doesNotMatch(
      renderDetailsHtml(input()),
      /<time [^>]*lang=/,
      'no lang of its own when the words are in the same language',
    );
  } finally {
    setDisplayLocale('en');
  }
});

test('the toolbar is one tab stop: its first enabled button has tabindex 0, the others -1', () => {
  for (const subJob of [aSubJob(), undefined]) {
    const html = renderDetailsBody(input({ subJob, subJobRef: { id: 'sj-1', jobType: 'CREATE_SERVER', jobId: '' } }));
    const toolbar = /<div class="toolbar" role="toolbar"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
    const buttons = [...toolbar.matchAll(/<button[^>]*>/g)].map((m) => m[0]);
    assert.ok(buttons.length >= 5);
    const stops = buttons.filter((b) => b.includes('tabindex="0"'));
    assert.equal(stops.length, 1, buttons.join('\n'));
    assert.ok(!stops[0].includes('disabled'));
    assert.ok(buttons.every((b) => b.includes('tabindex="0"') || b.includes('tabindex="-1"')));
  }
});

test('a preview is marked in its title; a kept panel is not', () => {
  const subJob = aSubJob();
  assert.match(detailsTitle({ subJob, preview: true }), /\(Preview\)$/);
  assert.doesNotMatch(detailsTitle({ subJob, preview: false }), /Preview/);
});

test('a panel that is not refreshed has Refresh disabled, and does not tell the user to use it', () => {
  const notice = 'No longer refreshed: project p (cn-north-4) has no credentials. Add credentials to refresh it again.';
  const refreshButton = (html: string) => /<button[^>]*data-action="refresh"[^>]*>/.exec(html)?.[0] ?? '';
  const stopped = renderDetailsBody(
    input({ subJob: undefined, subJobRef: { id: 'sj-1', jobType: '', jobId: '' }, stopped: notice }),
  );
  assert.match(refreshButton(stopped), / disabled/);
  assert.ok(stopped.includes('No data for this sub-job yet.'), stopped);
  assert.ok(!stopped.includes('Use Refresh'), 'no advice to use a disabled button');
  const live = renderDetailsBody(input({ subJob: undefined, subJobRef: { id: 'sj-1', jobType: '', jobId: '' } }));
  assert.doesNotMatch(refreshButton(live), / disabled/);
  assert.ok(live.includes('Use Refresh to fetch it.'));
});
