import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { listenForCommands } from '../../src/console/keyboard.js';
import { Teardown } from '../../src/Teardown.js';

describe('the keyboard', () => {
  it('starts an incident on i, recovers on r, and says what to type otherwise', async () => {
    const input = new PassThrough();
    const calls: string[] = [];
    const written: string[] = [];
    let on = false;
    const stop = listenForCommands(
      input,
      {
        trigger: () => {
          calls.push('trigger');
          return !on && (on = true);
        },
        recover: () => {
          calls.push('recover');
          return on && !(on = false);
        },
      },
      (t) => written.push(t),
    );
    input.write('i\nI\n\nr\n r \nhelp\n');
    await new Promise((r) => setImmediate(r));
    stop();
    expect(calls).toEqual(['trigger', 'trigger', 'recover', 'recover']);
    expect(written).toEqual([
      'An incident is already on; r + Enter recovers.\n',
      'No incident is on; i + Enter starts one.\n',
      'Type i + Enter to start an incident, r + Enter to recover, Ctrl-C to stop.\n',
    ]);
  });
});

describe('the teardown', () => {
  it('closes in reverse order, reports a closer that fails and runs the rest', async () => {
    const order: string[] = [];
    const failed: string[] = [];
    const teardown = new Teardown();
    teardown.add('platform', () => order.push('platform'));
    teardown.add('status API', async () => {
      order.push('status API');
      throw new Error('already closed');
    });
    teardown.add('traffic', () => order.push('traffic'));
    await teardown.run((what) => failed.push(what));
    expect(order).toEqual(['traffic', 'status API', 'platform']);
    expect(failed).toEqual(['status API']);
    await teardown.run(() => undefined);
    expect(order).toHaveLength(3);
  });
});
