import { after, before, describe } from 'node:test';
import type { ListOrder } from '../../src/simulator/faults';

/** Both orders the list call may answer in: no document says which (see api/listOrder.ts). */
export const LIST_ORDERS: readonly ListOrder[] = ['newest', 'oldest'];

let current: ListOrder = 'newest';

/** The order the simulators a test starts list in: set by inBothOrders for the tests inside it. */
export function listOrder(): ListOrder {
  return current;
}

/** The fault plan that makes a simulator list in the current order (merge it with any other faults). */
export function orderFaults(): { listOrder: ListOrder } {
  return { listOrder: current };
}

/** Runs the same tests against a simulator that lists newest first, then one that lists oldest first. */
export function inBothOrders(title: string, body: (order: ListOrder) => void): void {
  for (const order of LIST_ORDERS) {
    describe(`${title} (the service lists ${order} first)`, () => {
      before(() => {
        current = order;
      });
      after(() => {
        current = 'newest';
      });
      body(order);
    });
  }
}
