import './installFakeVscode';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { optional, required, runSteps, StepOutcome } from '../../../src/views/multiStep';

/** Steps that answer from a script, one outcome per visit, recording what each step saw. */
function scripted(outcomes: Array<Array<StepOutcome<string>>>, optionalLast = false) {
  const state: string[] = outcomes.map(() => '');
  const seen: string[] = [];
  const steps = outcomes.map((script, i) => async () => {
    seen.push(`${i}:${state[i]}`);
    const outcome = script.shift() ?? 'escape';
    const keep = (v: string) => (state[i] = v);
    return optionalLast && i === outcomes.length - 1 ? optional(outcome, keep) : required(outcome, keep);
  });
  return { steps, state, seen };
}

test('Back returns to the step before, which shows what was typed there', async () => {
  const { steps, state, seen } = scripted([
    [{ value: 'AK' }, { value: 'AK2' }],
    ['back', { value: 'SK' }],
  ]);
  assert.equal(await runSteps(steps), true);
  assert.deepEqual(seen, ['0:', '1:', '0:AK', '1:']);
  assert.deepEqual(state, ['AK2', 'SK']);
});

test('Escape on an optional last step skips it and keeps the steps before; on a required step it stops', async () => {
  const skipped = scripted([[{ value: 'AK' }], [{ value: 'SK' }], ['escape']], true);
  assert.equal(await runSteps(skipped.steps), true);
  assert.deepEqual(skipped.state, ['AK', 'SK', '']);
  const stopped = scripted([[{ value: 'AK' }], ['escape']]);
  assert.equal(await runSteps(stopped.steps), false);
});
