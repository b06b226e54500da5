/**
 * How a service says no. A refusal the person can do something about (the
 * window closed, a reference already taken, a wrong code) is an answer, not
 * an exception: the service returns `{ ok: false, reason }` and the form page
 * (src/server/http/form-page.ts) shows the page again with the message for
 * that reason. Exceptions stay for what nobody on the page can put right.
 */
export interface Refused<R extends string = string> {
  ok: false;
  reason: R;
}

/** What went well: `{ ok: true }` with the service's own fields beside it (`{ ok: true, id }`). */
export type Done<T extends object = object> = { ok: true } & T;

export type Result<T extends object = object, R extends string = string> = Done<T> | Refused<R>;

export function refused<R extends string>(reason: R): Refused<R> {
  return { ok: false, reason };
}

export function done(): Done;
export function done<T extends object>(value: T): Done<T>;
export function done(value: object = {}): Done {
  return { ok: true, ...value };
}
