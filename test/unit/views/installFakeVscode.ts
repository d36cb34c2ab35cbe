// Makes `require('vscode')` load fakeVscode.ts, for this test process only (node --test runs each
// test file in a process of its own). Import it before anything from src/views.
import Module from 'node:module';

type Resolve = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const resolve = loader._resolveFilename;
const fake = require.resolve('./fakeVscode');

loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
  return request === 'vscode' ? fake : resolve.call(this, request, ...rest);
};
