import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../fakeClock';
import { DetailsPoller } from '../../../src/core/detailsPolling';

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
};

/** A fetch whose calls the test finishes one by one. */
class ScriptedFetch {
  calls = 0;
  inFlight = 0;
  mostInFlight = 0;
  private pending: Array<{ resolve(): void; reject(e: unknown): void }> = [];
  autoResolve = false;

  readonly fetch = (): Promise<void> => {
    this.calls++;
    this.inFlight++;
    this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
    if (this.autoResolve) {
      this.inFlight--;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      this.pending.push({
        resolve: () => {
          this.inFlight--;
          resolve();
        },
        reject: (e) => {
          this.inFlight--;
          reject(e);
        },
      });
    });
  };

  async finish(): Promise<void> {
    const call = this.pending.shift();
    assert.ok(call, 'no fetch in flight');
    call.resolve();
    await settle();
  }

  async fail(): Promise<void> {
    const call = this.pending.shift();
    assert.ok(call, 'no fetch in flight');
    call.reject(new Error('boom'));
    await settle();
  }
}

function setup(interval = 30) {
  const clock = new FakeClock(1_000_000);
  const fetch = new ScriptedFetch();
  fetch.autoResolve = true;
  const poller = new DetailsPoller(fetch.fetch, clock);
  poller.setInterval(interval);
  return { clock, fetch, poller };
}

test('polls at the interval while visible and not terminal', async () => {
  const { clock, fetch, poller } = setup(30);
  await poller.refreshNow();
  assert.equal(fetch.calls, 1);
  await clock.advance(29_999);
  assert.equal(fetch.calls, 1);
  await clock.advance(1);
  assert.equal(fetch.calls, 2);
  await clock.advance(30_000);
  assert.equal(fetch.calls, 3);
  poller.dispose();
});

test('the interval counts from when the last fetch finished', async () => {
  const { clock, fetch, poller } = setup(10);
  fetch.autoResolve = false;
  const first = poller.refreshNow();
  await clock.advance(4_000);
  await fetch.finish();
  await first;
  await clock.advance(9_999);
  assert.equal(fetch.calls, 1);
  await clock.advance(1);
  assert.equal(fetch.calls, 2);
  poller.dispose();
});

test('stops polling once terminal, and resumes when no longer terminal', async () => {
  const { clock, fetch, poller } = setup(5);
  await poller.refreshNow();
  poller.setTerminal(true);
  assert.equal(poller.scheduled, false);
  await clock.advance(60_000);
  assert.equal(fetch.calls, 1);
  poller.setTerminal(false);
  // The data is already older than the interval: the next poll is due at once.
  await clock.advance(0);
  assert.equal(fetch.calls, 2);
  poller.dispose();
});

test('a fetch that reports a terminal status ends the polling', async () => {
  const clock = new FakeClock(1_000_000);
  let calls = 0;
  const poller: DetailsPoller = new DetailsPoller(async () => {
    calls++;
    if (calls === 3) poller.setTerminal(true);
  }, clock);
  poller.setInterval(5);
  await poller.refreshNow();
  await clock.advance(60_000);
  assert.equal(calls, 3);
  assert.equal(poller.scheduled, false);
});

test('pauses while hidden and does not catch up on missed polls', async () => {
  const { clock, fetch, poller } = setup(30);
  await poller.refreshNow();
  poller.setVisible(false);
  assert.equal(poller.scheduled, false);
  await clock.advance(10 * 60_000);
  assert.equal(fetch.calls, 1);
  poller.setVisible(true);
  await settle();
  // Stale data: one fetch right away, then back on the interval.
  assert.equal(fetch.calls, 2);
  await clock.advance(30_000);
  assert.equal(fetch.calls, 3);
  poller.dispose();
});

test('shown again before the data is stale, it waits for the rest of the interval', async () => {
  const { clock, fetch, poller } = setup(30);
  await poller.refreshNow();
  await clock.advance(10_000);
  poller.setVisible(false);
  await clock.advance(5_000);
  poller.setVisible(true);
  await settle();
  assert.equal(fetch.calls, 1);
  await clock.advance(14_999);
  assert.equal(fetch.calls, 1);
  await clock.advance(1);
  assert.equal(fetch.calls, 2);
  poller.dispose();
});

test('shown again while terminal or with polling off, it does not fetch', async () => {
  const { clock, fetch, poller } = setup(30);
  await poller.refreshNow();
  poller.setTerminal(true);
  poller.setVisible(false);
  await clock.advance(120_000);
  poller.setVisible(true);
  await settle();
  assert.equal(fetch.calls, 1);

  poller.setTerminal(false);
  poller.setInterval(0);
  poller.setVisible(false);
  await clock.advance(120_000);
  poller.setVisible(true);
  await settle();
  assert.equal(fetch.calls, 1);
  assert.equal(poller.scheduled, false);
  poller.dispose();
});

test('interval 0 turns polling off; setting an interval turns it back on', async () => {
  const { clock, fetch, poller } = setup(0);
  await poller.refreshNow();
  await clock.advance(3_600_000);
  assert.equal(fetch.calls, 1);
  assert.equal(poller.scheduled, false);
  poller.setInterval(10);
  await clock.advance(0);
  assert.equal(fetch.calls, 2, 'data older than the new interval is fetched at once');
  await clock.advance(10_000);
  assert.equal(fetch.calls, 3);
  poller.dispose();
});

test('a shorter interval shortens the current wait', async () => {
  const { clock, fetch, poller } = setup(60);
  await poller.refreshNow();
  await clock.advance(5_000);
  poller.setInterval(10);
  await clock.advance(4_999);
  assert.equal(fetch.calls, 1);
  await clock.advance(1);
  assert.equal(fetch.calls, 2);
  poller.dispose();
});

test('never two fetches in flight: Refresh joins the running fetch', async () => {
  const { clock, fetch, poller } = setup(5);
  fetch.autoResolve = false;
  const a = poller.refreshNow();
  const b = poller.refreshNow();
  assert.equal(a, b);
  await clock.advance(60_000);
  assert.equal(fetch.calls, 1, 'no poll while a fetch is running');
  assert.equal(fetch.mostInFlight, 1);
  await fetch.finish();
  await a;
  assert.equal(poller.fetching, false);
  // A slow poll: the timer does not start another one while it runs.
  await clock.advance(5_000);
  assert.equal(fetch.calls, 2);
  poller.setVisible(false);
  poller.setVisible(true);
  assert.equal(poller.refreshNow(), poller.refreshNow());
  await clock.advance(60_000);
  assert.equal(fetch.calls, 2);
  assert.equal(fetch.mostInFlight, 1);
  await fetch.finish();
  poller.dispose();
});

test('Refresh works while hidden, terminal or with polling off, and restarts the wait', async () => {
  const { clock, fetch, poller } = setup(0);
  poller.setTerminal(true);
  poller.setVisible(false);
  await poller.refreshNow();
  assert.equal(fetch.calls, 1);

  poller.setTerminal(false);
  poller.setVisible(true);
  poller.setInterval(30);
  await clock.advance(20_000);
  assert.equal(fetch.calls, 1, 'the data is 20 s old, younger than the interval');
  await clock.advance(10_000);
  assert.equal(fetch.calls, 2);
  await clock.advance(20_000);
  await poller.refreshNow();
  assert.equal(fetch.calls, 3);
  await clock.advance(29_999);
  assert.equal(fetch.calls, 3, 'the manual refresh restarted the count');
  await clock.advance(1);
  assert.equal(fetch.calls, 4);
  poller.dispose();
});

test('a failed fetch does not stop the polling', async () => {
  const { clock, fetch, poller } = setup(5);
  fetch.autoResolve = false;
  const first = poller.refreshNow();
  await fetch.fail();
  await first;
  await clock.advance(5_000);
  assert.equal(fetch.calls, 2);
  await fetch.finish();
  poller.dispose();
});

test('a fetch that throws synchronously is survived', async () => {
  const clock = new FakeClock(1_000_000);
  let calls = 0;
  const poller = new DetailsPoller(() => {
    calls++;
    throw new Error('sync');
  }, clock);
  poller.setInterval(5);
  await poller.refreshNow();
  assert.equal(poller.fetching, false);
  await clock.advance(5_000);
  assert.equal(calls, 2);
  poller.dispose();
});

test('dispose stops everything, including after a running fetch ends', async () => {
  const { clock, fetch, poller } = setup(5);
  fetch.autoResolve = false;
  const first = poller.refreshNow();
  poller.dispose();
  await fetch.finish();
  await first;
  assert.equal(clock.pending, 0);
  await clock.advance(60_000);
  assert.equal(fetch.calls, 1);
  await poller.refreshNow();
  poller.setVisible(false);
  poller.setVisible(true);
  poller.setInterval(1);
  await clock.advance(60_000);
  assert.equal(fetch.calls, 1);
});

test('holds at most one timer', async () => {
  const { clock, poller } = setup(30);
  await poller.refreshNow();
  poller.setInterval(20);
  poller.setVisible(false);
  poller.setVisible(true);
  poller.setTerminal(false);
  poller.setInterval(10);
  assert.equal(clock.pending, 1);
  poller.dispose();
  assert.equal(clock.pending, 0);
});

test('restart fetches anew while a fetch runs (the preview moved on), and the late one does not clear it', async () => {
  const { fetch, poller } = setup(5);
  fetch.autoResolve = false;
  const first = poller.refreshNow();
  const second = poller.restart();
  assert.notEqual(first, second);
  assert.equal(fetch.calls, 2, 'a new fetch, not a join');
  // The replaced fetch settles first: the newer one is still the one running.
  await fetch.finish();
  assert.equal(poller.fetching, true);
  assert.equal(poller.refreshNow(), second, 'Refresh joins the newer fetch');
  await fetch.finish();
  assert.equal(poller.fetching, false);
  poller.dispose();
});
