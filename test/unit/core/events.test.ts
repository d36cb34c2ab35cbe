import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Emitter, setListenerErrorLog } from '../../../src/core/events';

test('a throwing listener is logged and isolated: later listeners still run and fire() does not throw', () => {
  const logged: unknown[] = [];
  setListenerErrorLog((error) => logged.push(error));
  try {
    const emitter = new Emitter<number>();
    const heard: number[] = [];
    emitter.event(() => {
      throw new Error('listener bug');
    });
    emitter.event((n) => heard.push(n));
    assert.doesNotThrow(() => emitter.fire(7));
    assert.deepEqual(heard, [7]);
    assert.equal(logged.length, 1);
    assert.match(String(logged[0]), /listener bug/);
  } finally {
    setListenerErrorLog(() => undefined);
  }
});

test('a failing error log does not undo the isolation', () => {
  setListenerErrorLog(() => {
    throw new Error('log broken');
  });
  try {
    const emitter = new Emitter<void>();
    let ran = 0;
    emitter.event(() => {
      throw new Error('bug');
    });
    emitter.event(() => ran++);
    assert.doesNotThrow(() => emitter.fire());
    assert.equal(ran, 1);
  } finally {
    setListenerErrorLog(() => undefined);
  }
});

test('unsubscribing during an event takes effect from the next one; dispose drops every listener', () => {
  const emitter = new Emitter<string>();
  const heard: string[] = [];
  const second = { dispose: () => undefined };
  emitter.event((v) => {
    heard.push(`a:${v}`);
    second.dispose();
  });
  Object.assign(
    second,
    emitter.event((v) => heard.push(`b:${v}`)),
  );
  emitter.fire('1');
  emitter.fire('2');
  assert.deepEqual(heard, ['a:1', 'b:1', 'a:2']);
  const sub = emitter.event(() => heard.push('c'));
  sub.dispose();
  sub.dispose();
  assert.equal(emitter.size, 1);
  emitter.dispose();
  assert.equal(emitter.size, 0);
  emitter.event(() => heard.push('late'));
  emitter.fire('3');
  assert.deepEqual(heard, ['a:1', 'b:1', 'a:2']);
});
