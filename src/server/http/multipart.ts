import { Readable } from 'node:stream';
import busboy from 'busboy';
import { FORM_BODY_BYTES } from '~/config/limits';
import { currentRequest } from '~/server/log';
import { HttpError } from './errors';

/** One file of a multipart form, as it arrives: its stream must be read (or it is drained when `onFile` returns). */
export interface IncomingFile {
  field: string;
  /** The name it had on the sender's computer (only ever a hint: the content decides what it is). */
  fileName: string;
  stream: Readable;
}

/**
 * Reads a multipart/form-data request as it arrives (busboy), never holding a
 * file in memory: the text fields are collected (64 KB at most in all), and
 * the one file field `fileField` is handed to `onFile` while it is still
 * arriving, so it can be streamed to where it is kept and refused part way.
 * When `onFile` resolves false (the file was refused), reading stops there
 * and the fields so far are returned (a browser sends the file last); the
 * server throws the rest away after the answer. A body that is not
 * well-formed multipart is a 400; one over its route's limit, a 413 (the
 * server cuts it off: src/server/http/body-limit.ts).
 */
export async function readMultipart(
  request: Request,
  fileField: string,
  onFile: (file: IncomingFile) => Promise<boolean>,
): Promise<FormData> {
  const fail = (why: string, cause?: unknown): HttpError =>
    currentRequest()?.bodyTooLarge
      ? new HttpError(413, 'The body is over its limit', { cause })
      : new HttpError(400, why, { cause });
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': request.headers.get('content-type') ?? '' },
      limits: { fieldSize: FORM_BODY_BYTES, fields: 100, files: 1, parts: 101 },
    });
  } catch (error) {
    throw fail('The body is not a multipart form', error);
  }
  if (!request.body) throw fail('The form is empty');
  const fields = new FormData();
  let fieldBytes = 0;
  let handling: Promise<boolean> = Promise.resolve(true);
  // Set in the parser's callbacks, so its type must not narrow to null here.
  let failure = null as HttpError | null;
  let stopEarly: () => void = () => undefined;
  const finished = new Promise<void>((resolve, reject) => {
    stopEarly = resolve;
    parser.on('field', (name, value, info) => {
      fieldBytes += name.length + value.length;
      if (info.valueTruncated || fieldBytes > FORM_BODY_BYTES)
        failure ??= new HttpError(413, 'The form fields are too long');
      else fields.append(name, value);
    });
    parser.on('file', (name, stream, info) => {
      if (name !== fileField) {
        stream.resume();
        return;
      }
      handling = onFile({ field: name, fileName: info.filename ?? '', stream });
      handling.then(
        (keepReading) => {
          if (keepReading) {
            if (!stream.readableEnded) stream.resume();
          } else stopEarly();
        },
        // Awaited below; a rejection here is not unhandled.
        () => stopEarly(),
      );
    });
    parser.on('filesLimit', () => (failure ??= new HttpError(400, 'More than one file')));
    parser.on('fieldsLimit', () => (failure ??= new HttpError(413, 'Too many form fields')));
    parser.on('partsLimit', () => (failure ??= new HttpError(413, 'Too many form parts')));
    parser.on('error', (error) => reject(fail('The body is not a well-formed multipart form', error)));
    parser.on('close', () => resolve());
  });
  const body = Readable.fromWeb(request.body as import('node:stream/web').ReadableStream<Uint8Array>);
  body.on('error', (error) => parser.destroy(error));
  body.pipe(parser);
  const stopReading = () => {
    // Whatever is still on its way is thrown away by the server, after the answer.
    body.unpipe(parser);
    body.destroy();
    parser.destroy();
  };
  try {
    await finished;
  } catch (error) {
    stopReading();
    await handling.catch(() => undefined);
    throw error;
  }
  const keepReading = await handling.catch((error: unknown) => {
    stopReading();
    throw error;
  });
  if (!keepReading) stopReading();
  else if (failure) throw failure;
  return fields;
}
