import { describe, expect, it } from 'vitest';
import { isShuttingDown, onShutdown, runShutdownHooks } from '~/server/shutdown';

describe('the shutdown registry', () => {
  it('stops the work first, then the connections, and says which hook failed or hung', async () => {
    const order: string[] = [];
    let finishCurrentItem!: () => void;
    onShutdown('database', () => void order.push('database'), 'connections');
    onShutdown(
      'worker',
      () => new Promise<void>((resolve) => (finishCurrentItem = () => (order.push('worker'), resolve()))),
    );
    onShutdown('timer', () => void order.push('timer'));
    const removed = onShutdown('removed', () => void order.push('removed'));
    removed();
    onShutdown('broken', () => {
      throw new Error('no');
    });
    const done = runShutdownHooks(1_000);
    expect(isShuttingDown()).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    // The database waits for the worker's current item.
    expect(order).toEqual(['timer']);
    finishCurrentItem();
    expect(await done).toEqual(['broken']);
    expect(order).toEqual(['timer', 'worker', 'database']);
  });
});
