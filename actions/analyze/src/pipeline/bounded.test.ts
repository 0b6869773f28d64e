import { describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { mapBounded, readAhead } from './bounded.js';

describe('bounded concurrency', () => {
  it('mapBounded keeps the items\' order and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    // Later items finish first: the order of results must still be the order of items.
    const results = await mapBounded([5, 4, 3, 2, 1, 0], 3, async (n, i) => {
      running++;
      most = Math.max(most, running);
      await sleep(n * 3);
      running--;
      return `${i}:${n}`;
    });
    expect(results).toEqual(['0:5', '1:4', '2:3', '3:2', '4:1', '5:0']);
    expect(most).toBe(3);
  });

  it('readAhead yields in order with at most `ahead` started and not taken, and passes a failure on in its turn', async () => {
    const started: number[] = [];
    const taken: number[] = [];
    const read = readAhead([0, 1, 2, 3, 4], 2, async (n) => {
      started.push(n);
      await sleep((5 - n) * 2);
      if (n === 3) throw new Error('input 3 is unreadable');
      return n;
    });
    const error = await (async () => {
      for await (const n of read) {
        taken.push(n);
        expect(started.length - taken.length).toBeLessThanOrEqual(2);
      }
    })().catch((e: unknown) => e);
    expect(taken).toEqual([0, 1, 2]);
    expect((error as Error).message).toBe('input 3 is unreadable');
  });
});
