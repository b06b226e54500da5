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
  /** The form field the refusal is about, where it is about one (see `invalid`). */
  field?: string;
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

/** A case, child, parent or conference that is not there, or not in the case named: the page answers 404. */
export type Missing = Refused<'missing'>;

/** Input the form should have refused already (defence in depth): `field` names the form's field. */
export type Invalid = Refused<'invalid'>;

export function missing(): Missing {
  return refused('missing');
}

export function invalid(field: string): Invalid {
  return { ok: false, reason: 'invalid', field };
}
