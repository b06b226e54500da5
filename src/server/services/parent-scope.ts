import type { Kysely } from 'kysely';
import type { Authority } from '~/config/authority-schema';
import type { Database } from '~/server/db/schema';
import type { AuditService } from './audit';
import type { Clock } from './clock';
import { conferencesRepository, type ConferenceRow } from '~/server/db/repositories/conferences';
import type { Refused } from '~/server/result';

/**
 * The signed-in parent as the services need them: Astro.locals.parent, or
 * the same shape in tests. Services never take a parent id from a URL or a
 * form: only from here.
 */
export interface ParentActor {
  userId: string;
  /** One entry per case this person is a parent in (set by the middleware from the database). */
  memberships: readonly { parentId: string; caseId: string }[];
  /** Conferences already resolved for this actor (see withScopeMemo). */
  readonly [SCOPES]?: Map<string, Promise<ScopedConference | null>>;
}

const SCOPES = Symbol('resolved conference scopes');

/**
 * The same parent, remembering each conference's scope once resolved, for the
 * length of one page: the conference page asks each of its parts (reports,
 * supporter, interpreter, attendance, complaints) for their state, and each
 * part checks the conference is the parent's; with this, that check queries
 * the database once instead of six times. Kept only as long as the returned
 * actor (one page's work), so a conference changed by staff is read afresh.
 */
export function withScopeMemo(actor: ParentActor): ParentActor {
  return actor[SCOPES] ? actor : { userId: actor.userId, memberships: actor.memberships, [SCOPES]: new Map() };
}

/** A conference the parent may see, with the parent row that is theirs in its case. */
export interface ScopedConference {
  conference: ConferenceRow;
  /** This person's parent id in the conference's case: every request row is written and read under it. */
  parentId: string;
  caseId: string;
}

/** The case ids of a parent's memberships. */
export function caseIdsOf(actor: ParentActor): string[] {
  return [...new Set(actor.memberships.map((m) => m.caseId))];
}

/** The parent ids of a parent's memberships. */
export function parentIdsOf(actor: ParentActor): string[] {
  return [...new Set(actor.memberships.map((m) => m.parentId))];
}

/**
 * The conference with this id when it belongs to one of the parent's cases;
 * null for any other id (the page answers 404, never revealing that it exists).
 */
export function conferenceFor(
  db: Kysely<Database>,
  actor: ParentActor,
  conferenceId: string,
): Promise<ScopedConference | null> {
  const memo = actor[SCOPES];
  if (!memo) return resolveScope(db, actor, conferenceId);
  let scope = memo.get(conferenceId);
  if (!scope) {
    scope = resolveScope(db, actor, conferenceId);
    memo.set(conferenceId, scope);
  }
  return scope;
}

async function resolveScope(
  db: Kysely<Database>,
  actor: ParentActor,
  conferenceId: string,
): Promise<ScopedConference | null> {
  const conference = await conferencesRepository(db).findInCases(conferenceId, caseIdsOf(actor));
  if (!conference) return null;
  const membership = actor.memberships.find((m) => m.caseId === conference.case_id);
  if (!membership) return null;
  return { conference, parentId: membership.parentId, caseId: conference.case_id };
}

/** The conference facts the parent windows (domain/parent-windows.ts) need. */
export function whenOf(conference: ConferenceRow): { startsAt: Date; status: ConferenceRow['status'] } {
  return { startsAt: new Date(conference.starts_at), status: conference.status };
}

/** What a service answers when the conference is not the parent's, or the window has closed. */
export type Refusal = Refused<'not-found' | 'closed'>;

/** What the parent-area services are built from (wired once in createServices). */
export interface ParentAreaDeps {
  db: Kysely<Database>;
  clock: Clock;
  audit: AuditService;
  /** The council whose rules apply (currentAuthority() in the running server). */
  authority: Authority;
  /** After a parent sends something: their confirmation email, and the team's notice (see receipts.ts), in the transaction `on`. */
  receipt?: ((parentId: string, on: Kysely<Database>) => Promise<void>) | undefined;
}
