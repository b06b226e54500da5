import { currentRequest } from '~/server/log';

/**
 * A download's stream, read from its store only as fast as the client takes it.
 *
 * Astro writes a response's body to the socket chunk after chunk without
 * waiting for 'drain' (astro/core/app/node.js, writeResponse), so a stream
 * that is read faster than the client downloads piles up in the server's
 * memory: five 100 MB reports to slow clients cost hundreds of megabytes
 * (issue #16). This stream holds nothing of its own (high-water mark 0) and,
 * before each chunk it passes on, waits until the response has room
 * (RequestContext.responseDrained, set by node-server.ts), so memory stays at
 * about one socket buffer per download whatever the client's speed. Outside
 * the server (astro dev, tests) there is nothing to wait on, and it passes
 * chunks straight on.
 */
export function pacedByClient(source: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const drained = currentRequest()?.responseDrained;
  if (!drained) return source;
  const reader = source.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        await drained();
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
