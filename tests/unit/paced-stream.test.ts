import { describe, expect, it } from 'vitest';
import { pacedByClient } from '~/server/http/paced-stream';
import { runWithRequest } from '~/server/log';

/** A store's stream of `chunks` one-byte chunks, counting how many it has been asked for. */
function countingSource(chunks: number) {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        pulled++;
        if (pulled > chunks) controller.close();
        else controller.enqueue(new Uint8Array([pulled]));
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => pulled };
}

describe('a download paced by the client', () => {
  it('reads nothing more from the store while the response waits for a slow client, and carries on once it drains', async () => {
    const source = countingSource(3);
    let release: () => void = () => undefined;
    let full = false;
    const responseDrained = () =>
      full ? new Promise<void>((resolve) => (release = () => ((full = false), resolve()))) : Promise.resolve();
    const paced = runWithRequest({ id: 'T', method: 'GET', responseDrained }, () => pacedByClient(source.stream));
    const reader = paced.getReader();

    expect((await reader.read()).value).toEqual(new Uint8Array([1]));
    full = true;
    const next = reader.read();
    // However long the client takes, the store is not read ahead of it.
    for (let i = 0; i < 20; i++) await Promise.resolve();
    expect(source.pulled()).toBe(1);

    release();
    expect((await next).value).toEqual(new Uint8Array([2]));
    expect((await reader.read()).value).toEqual(new Uint8Array([3]));
    expect((await reader.read()).done).toBe(true);
  });

  it('passes the store’s stream on as it is outside the server (astro dev, tests)', () => {
    const source = countingSource(1);
    expect(pacedByClient(source.stream)).toBe(source.stream);
  });
});
