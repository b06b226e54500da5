import type { z } from 'zod';
import type { Refused } from '~/server/result';
import { HttpError } from './errors';
import { parseForm, type FieldError, type FormValues } from './forms';
import { keyForForm, submissionKey } from './submission-key';

/**
 * What a save or another button did:
 * - a path: it was done; go there with a 303 (the page behind it shows the success banner);
 * - a Response: it was done and needs an answer of its own (a redirect that sets or clears cookies);
 * - `{ ok: false, reason }`: the service refused (the window closed, a reference taken, a wrong
 *   code); the page is read again and shown with the message for that reason, if it has one;
 * - `{ ok: false, errors }` (refusedWith): refused, and the save already has the messages to show
 *   (which field depends on the button; a fresh code's problem in the staff area's English);
 * - `{ ok: true, notice }`: done, and the same page is shown again saying so (a code sent again).
 */
export type Outcome<R extends string = string, E = never> =
  string | Response | Refused<R> | RefusedWith<E> | { ok: true; notice?: string | undefined };

/** A refusal that brings its own messages, shown on the page read again. */
export interface RefusedWith<E> {
  ok: false;
  errors: E[];
}

export function refusedWith<E>(...errors: E[]): RefusedWith<E> {
  return { ok: false, errors };
}

/** The page to show: what it reads, the problems found, what was typed, and the form's submission key. */
export interface FormState<State, E = FieldError> {
  state: State;
  /** The form's problems (translation keys), or a refusal's own messages (E, see RefusedWith). */
  errors: (FieldError | E)[];
  values: FormValues;
  /** The hidden submission key for the form shown (src/server/http/submission-key.ts). */
  submission: string;
  /** A button's `notice` (see Outcome), or null. */
  notice: string | null;
}

export interface FormPageOptions<State, S extends z.ZodType, R extends string, E = FieldError> {
  /** Reads what the page shows; null is a 404. Read again after a POST that did not redirect. */
  load: () => Promise<State | null>;
  /** The values the form starts with (what was saved before). */
  initial?: (state: State) => FormValues;
  /** The form's rules (messages are translation keys), or the rules for what the page reads now. */
  schema: S | ((state: State) => S);
  /** Fields that are lists (checkbox groups). */
  arrays?: readonly string[];
  /**
   * Reads the body itself instead of buffering it (a file streamed to the report
   * store as it arrives, refused part way): the form's text fields, and the
   * problems found with what was read, shown beside the form's own; with any,
   * nothing is saved.
   */
  read?: (request: Request) => Promise<{ form: FormData; errors: (FieldError | E)[] }>;
  /** Saves the checked form; `submission` makes a second sending of the same form answer with the first's result. */
  save: (data: z.output<S>, submission: string | undefined, state: State) => Promise<Outcome<R, E>>;
  /** Other buttons, by their `action` value (withdraw, resend): no rules to check. */
  actions?: Partial<Record<string, (state: State, form: FormData) => Promise<Outcome<R, E>>>>;
  /**
   * The message for a refusal, or a Response to send instead (a 404). Without
   * one, the page is shown as it now is (a closed window says why by itself),
   * except that a thing gone missing (`missing`, src/server/result.ts) is a 404.
   */
  refused?: (reason: R) => FieldError | FieldError[] | Response | null;
}

type Context = {
  request: Request;
  redirect: (path: string, status?: 301 | 302 | 303 | 307 | 308) => Response;
};

/**
 * The life of every form page, parent and staff: on GET, show what was
 * saved; on POST, check the form and either save and redirect (303, so a
 * reload does not send it again), or show it again with each problem and
 * everything as it was typed, or, when the service refused, read the page
 * again and show it with the refusal's message. A body that is not a form
 * is a 404 (the middleware has already refused other sites and other types).
 */
export async function formPage<State, S extends z.ZodType, R extends string = string, E = FieldError>(
  context: Context,
  options: FormPageOptions<State, S, R, E>,
): Promise<Response | FormState<State, E>> {
  const loaded = await options.load();
  if (loaded === null) return notFound();
  const shown: FormState<State, E> = {
    state: loaded,
    errors: [],
    values: options.initial?.(loaded) ?? {},
    submission: keyForForm(null),
    notice: null,
  };
  if (context.request.method !== 'POST') return shown;

  const read = options.read ? await options.read(context.request) : await formData(context.request);
  if (!read) return notFound();
  const { form } = read;
  // The same key while the form is not saved: the corrected form is the same submission.
  shown.submission = keyForForm(form);
  const action = form.get('action');
  const button = typeof action === 'string' ? options.actions?.[action] : undefined;
  let outcome: Outcome<R, E>;
  if (button) {
    outcome = await button(loaded, form);
  } else {
    const schema = typeof options.schema === 'function' ? options.schema(loaded) : options.schema;
    const parsed = parseForm(schema, form, options.arrays);
    shown.values = parsed.values;
    if (!parsed.ok || read.errors.length > 0)
      return reread(shown, options, [...(parsed.ok ? [] : parsed.errors), ...read.errors]);
    outcome = await options.save(parsed.data, submissionKey(form), loaded);
  }
  if (typeof outcome === 'string') return context.redirect(outcome, 303);
  if (outcome instanceof Response) return outcome;
  if (outcome.ok) {
    shown.notice = outcome.notice ?? null;
    shown.submission = keyForForm(null);
    return reread(shown, options, []);
  }
  if ('errors' in outcome) return reread(shown, options, outcome.errors);
  const message = options.refused?.(outcome.reason) ?? null;
  if (message instanceof Response) return message;
  if (message === null && outcome.reason === 'missing') return notFound();
  return reread(shown, options, message === null ? [] : Array.isArray(message) ? message : [message]);
}

/** An empty 404: Astro answers it with the site's "page not found" page. */
const notFound = () => new Response(null, { status: 404 });

/**
 * The form's own answer to a POST: the form data, or null when the request is
 * not a form. A broken body is the 400 error page and one over the route's
 * limit the 413 page (src/server/http/request-guard.ts), never a 404.
 */
async function formData(request: Request): Promise<{ form: FormData; errors: never[] } | null> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return null;
  try {
    return { form: await request.formData(), errors: [] };
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, 'The body is not a well-formed form', { cause: error });
  }
}

/** The page as it is now, after a POST that changed nothing or something the page shows. */
async function reread<State, S extends z.ZodType, R extends string, E>(
  shown: FormState<State, E>,
  options: FormPageOptions<State, S, R, E>,
  errors: (FieldError | E)[],
): Promise<Response | FormState<State, E>> {
  const state = await options.load();
  if (state === null) return notFound();
  return { ...shown, state, errors };
}
