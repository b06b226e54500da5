/**
 * Reads a stream into buffers the reader owns, so that reading a large file
 * allocates nothing per chunk (issue #16: a download's garbage buffers, not
 * anything it kept, were most of its memory).
 *
 * A byte stream (a local file: local.ts) fills the reader's buffer itself,
 * through a "bring your own buffer" reader. Any other stream (S3, the
 * database store) hands over chunks of its own, which are copied in.
 */
export interface ByteSource {
  /**
   * Fills `target` as far as the stream goes, and resolves with the filled
   * part: shorter than `target` only at the end of the stream. Use only the
   * view it returns afterwards: a byte stream takes over `target`'s memory and
   * gives the same memory back as that view.
   */
  fill(target: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>>;
  /** `first` (bytes already filled), then what is left of the stream, as a stream of new chunks. */
  rest(first?: Uint8Array): ReadableStream<Uint8Array>;
  cancel(reason?: unknown): Promise<void>;
}

/** How much a byte stream hands over at a time when the reader brings no buffer (and `rest()` asks for). */
export const READ_BYTES = 64 * 1024;

function ownReader(stream: ReadableStream<Uint8Array>): ReadableStreamBYOBReader | null {
  try {
    return stream.getReader({ mode: 'byob' });
  } catch {
    // Not a byte stream.
    return null;
  }
}

export function byteSource(stream: ReadableStream<Uint8Array>): ByteSource {
  const reader = ownReader(stream) ?? stream.getReader();
  let chunk: Uint8Array = new Uint8Array(0);
  let at = 0;

  async function fillOwn(
    own: ReadableStreamBYOBReader,
    target: Uint8Array<ArrayBuffer>,
  ): Promise<Uint8Array<ArrayBuffer>> {
    // Each read takes the buffer over (target is empty after the first): keep where it was.
    const { byteOffset, byteLength } = target;
    let buffer = target.buffer;
    let filled = 0;
    while (filled < byteLength) {
      const { done, value } = await own.read(new Uint8Array(buffer, byteOffset + filled, byteLength - filled));
      if (value) buffer = value.buffer;
      if (done || !value) break;
      filled += value.byteLength;
    }
    return new Uint8Array(buffer, byteOffset, filled);
  }

  async function fillCopied(
    chunks: ReadableStreamDefaultReader<Uint8Array>,
    target: Uint8Array<ArrayBuffer>,
  ): Promise<Uint8Array<ArrayBuffer>> {
    let filled = 0;
    while (filled < target.byteLength) {
      if (at >= chunk.byteLength) {
        const { done, value } = await chunks.read();
        if (done) break;
        chunk = value;
        at = 0;
        continue;
      }
      const take = Math.min(target.byteLength - filled, chunk.byteLength - at);
      target.set(chunk.subarray(at, at + take), filled);
      filled += take;
      at += take;
    }
    return target.subarray(0, filled);
  }

  const fill = (target: Uint8Array<ArrayBuffer>) =>
    reader instanceof ReadableStreamBYOBReader ? fillOwn(reader, target) : fillCopied(reader, target);

  return {
    fill,

    rest(first) {
      /** The next bytes, or an empty array at the end. */
      const next = async (): Promise<Uint8Array> => {
        if (at < chunk.byteLength) {
          const left = chunk.subarray(at);
          at = chunk.byteLength;
          return left;
        }
        if (reader instanceof ReadableStreamBYOBReader) return fillOwn(reader, new Uint8Array(READ_BYTES));
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return new Uint8Array(0);
          if (value.byteLength) return value;
        }
      };
      return new ReadableStream<Uint8Array>(
        {
          start(controller) {
            if (first?.byteLength) controller.enqueue(first);
          },
          async pull(controller) {
            const bytes = await next();
            if (bytes.byteLength) controller.enqueue(bytes);
            else controller.close();
          },
          cancel: (reason) => reader.cancel(reason),
        },
        { highWaterMark: 0 },
      );
    },

    cancel: (reason) => reader.cancel(reason),
  };
}
