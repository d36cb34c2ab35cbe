// Makes `require('vscode')` load fakePrompts.ts (the fake vscode with input boxes, quick picks,
// messages, commands and settings), for this test process only. Import it before anything from src.
import Module from 'node:module';

type Resolve = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const resolve = loader._resolveFilename;
const fake = require.resolve('./fakePrompts');

loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
  return request === 'vscode' ? fake : resolve.call(this, request, ...rest);
};
