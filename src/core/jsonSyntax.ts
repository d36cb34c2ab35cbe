/**
 * Where a text stops being JSON, found without JSON.parse's message: V8 quotes the characters around
 * the error, and in a credentials file those are often part of a secret key.
 */

type Expecting = 'value' | 'firstValue' | 'key' | 'firstKey' | 'colon' | 'after';

const SPACE = /[ \t\n\r]*/y;
// eslint-disable-next-line no-control-regex -- JSON forbids raw control characters inside strings
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

/** The offset of the first character that makes `text` not JSON, or undefined when it is JSON. */
export function jsonErrorOffset(text: string): number | undefined {
  const end = (pattern: RegExp, at: number): number => {
    pattern.lastIndex = at;
    return pattern.test(text) ? pattern.lastIndex : -1;
  };
  // An explicit stack, not recursion: a hostile file may nest a million levels deep.
  const open: string[] = [];
  let expecting: Expecting = 'value';
  let at = 0;
  for (;;) {
    at = end(SPACE, at);
    if (at >= text.length) return expecting === 'after' && open.length === 0 ? undefined : at;
    const c = text[at];
    if (expecting === 'value' || expecting === 'firstValue') {
      if (c === '{' || c === '[') {
        open.push(c);
        expecting = c === '{' ? 'firstKey' : 'firstValue';
        at++;
      } else if (c === ']' && expecting === 'firstValue') {
        open.pop();
        expecting = 'after';
        at++;
      } else {
        const next = Math.max(end(STRING, at), end(NUMBER, at), end(LITERAL, at));
        if (next < 0) return at;
        expecting = 'after';
        at = next;
      }
    } else if (expecting === 'key' || expecting === 'firstKey') {
      if (c === '}' && expecting === 'firstKey') {
        open.pop();
        expecting = 'after';
        at++;
      } else {
        const next = end(STRING, at);
        if (next < 0) return at;
        expecting = 'colon';
        at = next;
      }
    } else if (expecting === 'colon') {
      if (c !== ':') return at;
      expecting = 'value';
      at++;
    } else {
      const inside = open.at(-1);
      if (inside === undefined) return at;
      if (c === ',') expecting = inside === '{' ? 'key' : 'value';
      else if ((c === '}' && inside === '{') || (c === ']' && inside === '[')) open.pop();
      else return at;
      at++;
    }
  }
}

/** 1-based line and column of `offset` in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}
