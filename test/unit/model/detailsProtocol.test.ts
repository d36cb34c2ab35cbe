import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  COPY_TARGETS,
  DETAILS_ACTIONS,
  dispatch,
  messageForAction,
  panelMessages,
  parsePanelMessage,
  parseScriptMessage,
  QUOTED_CHARS,
  ScriptMessage,
  scriptMessages,
} from '../../../src/model/detailsProtocol';
import { detailsState } from '../../../src/model/detailsState';
import { aSubJob } from '../builders';

/** What the panel would act on, or the reason it gives the log. */
function read(value: unknown): ScriptMessage | string {
  const parsed = parseScriptMessage(value);
  return parsed.ok ? parsed.message : parsed.reason;
}

test('every message the script builds is read back as itself, through JSON as postMessage carries it', () => {
  const sent = [scriptMessages.ready(), scriptMessages.refresh(), scriptMessages.pin()];
  for (const what of COPY_TARGETS) sent.push(scriptMessages.copy(what));
  for (const message of sent) assert.deepEqual(read(JSON.parse(JSON.stringify(message))), message);
});

test('every button of the panel posts a message the extension reads; other action names post nothing', () => {
  for (const action of DETAILS_ACTIONS) {
    const message = messageForAction(action);
    assert.ok(message, action);
    assert.equal(typeof read(message), 'object', action);
  }
  for (const action of ['', 'copy', 'copy-', 'delete', 'toString', '__proto__', 'constructor', 'REFRESH'])
    assert.equal(messageForAction(action), undefined, action);
});

test('what is not an object, or has no known type, is refused with a reason', () => {
  for (const value of [undefined, null, 0, 42, true, 'refresh', [], [{ type: 'refresh' }], () => 1]) {
    assert.equal(typeof read(value), 'string', String(value));
  }
  for (const type of [undefined, null, 1, '', 'REFRESH', 'render', 'announce', 'delete', 'toString', '__proto__']) {
    const reason = read({ type });
    assert.equal(typeof reason, 'string', String(type));
    assert.match(reason as string, /unknown type/);
  }
  assert.match(read({}) as string, /unknown type undefined/);
});

test('a copy of something that is not a copy target is refused, inherited property names included', () => {
  // The old check was `what in COPY_LABELS`, which holds for every name an object inherits.
  for (const what of [undefined, null, 1, '', 'ID', 'token', 'toString', 'constructor', '__proto__', 'hasOwnProperty'])
    assert.match(read({ type: 'copy', what }) as string, /^a copy of /, String(what));
  assert.match(read({ type: 'copy', what: ['id'] }) as string, /a copy of an array/);
  assert.match(read({ type: 'copy', what: { toString: () => 'id' } }) as string, /a copy of object/);
});

test('fields a message does not have are dropped, not passed on', () => {
  const message = read({ type: 'copy', what: 'json', html: '<script>', command: 'workbench.action.quit' });
  assert.deepEqual(message, { type: 'copy', what: 'json' });
  assert.deepEqual(read({ type: 'ready', state: { subJobRef: { id: 'x' } } }), { type: 'ready' });
  const prototyped = JSON.parse('{"type":"refresh","__proto__":{"polluted":true}}');
  assert.deepEqual(read(prototyped), { type: 'refresh' });
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('a huge string is refused and quoted in the reason only by its first characters and its length', () => {
  const huge = 'A'.repeat(20_000_000);
  const reasons = [read({ type: huge }), read({ type: 'copy', what: huge }), read({ type: `${'\u0000\n'}${huge}` })];
  for (const reason of reasons) {
    assert.equal(typeof reason, 'string');
    assert.ok((reason as string).length < QUOTED_CHARS + 80, `reason of ${(reason as string).length} characters`);
    assert.match(reason as string, /\(20000000 characters\)|\(20000002 characters\)/);
  }
  // Control characters are escaped, so a reason is always one line of the log.
  assert.ok(![...(reasons[2] as string)].some((c) => c.charCodeAt(0) < 0x20), 'no control character');
});

test('the panel side: render and announce are read back; malformed ones are refused; an unreadable state is dropped', () => {
  const subJob = aSubJob();
  const state = detailsState({ subJob, lastUpdated: 5, source: { key: 'k', label: 'project p' } });
  const render = JSON.parse(JSON.stringify(panelMessages.render('<p>x</p>', state)));
  assert.deepEqual(parsePanelMessage(render), { ok: true, message: { type: 'render', html: '<p>x</p>', state } });
  assert.deepEqual(parsePanelMessage(panelMessages.announce('Copied')), {
    ok: true,
    message: { type: 'announce', text: 'Copied' },
  });
  assert.deepEqual(parsePanelMessage({ type: 'render', html: '<p>y</p>', state: { subJobRef: 7 } }), {
    ok: true,
    message: { type: 'render', html: '<p>y</p>' },
  });
  for (const bad of [
    { type: 'render' },
    { type: 'render', html: 7 },
    { type: 'announce' },
    { type: 'announce', text: ['a'] },
    { type: 'copy', what: 'id' },
    'render',
    null,
  ])
    assert.equal(parsePanelMessage(bad).ok, false, JSON.stringify(bad));
});

test('dispatch calls the handler of the message type and no other', () => {
  const calls: string[] = [];
  const handlers = {
    ready: () => calls.push('ready'),
    refresh: () => calls.push('refresh'),
    pin: () => calls.push('pin'),
    showJob: () => calls.push('showJob'),
    copy: ({ what }: { what: string }) => calls.push(`copy ${what}`),
  };
  for (const action of DETAILS_ACTIONS) dispatch(messageForAction(action)!, handlers);
  dispatch(scriptMessages.ready(), handlers);
  assert.deepEqual(calls, [
    'refresh',
    'showJob',
    'copy id',
    'copy jobId',
    'copy resourceId',
    'copy json',
    'pin',
    'ready',
  ]);
});
