import type { Kysely } from 'kysely';
import type { Authority } from '~/config/authority-schema';
import { assertCan } from '~/server/auth/staff-roles';
import type { Actor, InviteService } from '~/server/auth/invite';
import { normaliseEmail } from '~/server/auth/parents';
import { isLocale } from '~/config/locales';
import type { Database } from '~/server/db/schema';
import { casesRepository } from '~/server/db/repositories/cases';
import { conferencesRepository } from '~/server/db/repositories/conferences';
import { isCalendarDate, londonDate, type CalendarDate } from '~/server/domain/working-days';
import type { AuditService } from './audit';
import { inTransaction } from './transactions';
import {
  done,
  invalid,
  missing,
  refused,
  type Invalid,
  type Missing,
  type Refused,
  type Result,
} from '~/server/result';
import { recordPendingMobile } from './reminder-settings';
import { ukMobile } from '~/server/domain/mobile';
import type { CasesService } from './cases';
import type { Clock } from './clock';
import { reading, toPage, type Page, type PageRequest } from './keyset';
import type { StaffActor } from './staff-reports';

export type SignInStatus =
  | { state: 'not-invited' }
  | { state: 'invited'; invitedAt: string }
  | { state: 'signed-in'; invitedAt: string; lastSignIn: string };

/**
 * Where a parent is with the portal, from their own row: not invited yet,
 * invited, or signed in (with their current address: a new address clears
 * last_signed_in_at, and invited_at with it).
 */
export function signInStatus(parent: { invited_at: string | null; last_signed_in_at: string | null }): SignInStatus {
  if (!parent.invited_at) return { state: 'not-invited' };
  return parent.last_signed_in_at
    ? { state: 'signed-in', invitedAt: parent.invited_at, lastSignIn: parent.last_signed_in_at }
    : { state: 'invited', invitedAt: parent.invited_at };
}

/** A case as the staff home page lists it. */
export interface CaseListRow {
  id: string;
  reference: string;
  updated_at: string;
  children: number;
  parents: number;
  next_conference: string | null;
}

/** The refusal when a case reference, or a parent's address within a case, is already taken: the page says so. */
export type Duplicate = Refused<'duplicate'>;

/** Age in whole years on a day (Europe/London calendar dates). */
export function ageOn(dateOfBirth: string, on: CalendarDate): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * Whether a child is invited to a conference on `on` under the council's
 * rule: 'yes' from the council's age, 'no' below it, 'chair' where the
 * council leaves it to the chair.
 */
export function childInvited(authority: Authority, dateOfBirth: string, on: CalendarDate): 'yes' | 'no' | 'chair' {
  const from = authority.rules.childInvitedFromAge.value;
  if (from === null) return 'chair';
  return ageOn(dateOfBirth, on) >= from ? 'yes' : 'no';
}

/**
 * Cases in the staff area: the list, one case with its children, parents
 * (and whether each has signed in) and conferences, and changes to them.
 * Adding uses the shared cases service, so the demo seed and the staff area
 * put data in the same way.
 */
/** A parent or carer's details as staff type them; `mobile` may be empty. */
export interface ParentDetails {
  name: string;
  email: string;
  preferredLanguage: string;
  sharesHousehold: boolean;
  mobile?: string | undefined;
}

export function staffCasesService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  audit: AuditService;
  authority: Authority;
  cases: CasesService;
  /** The one invitation flow (src/server/auth/invite.ts): account, link, neutral email, audit. */
  invite: { inviteParent: (parentId: string, actor: Actor) => ReturnType<InviteService['inviteParent']> };
}) {
  const { db, clock, audit, authority, cases, invite } = deps;
  const repo = casesRepository(db);

  /**
   * A mobile staff typed for a parent: kept waiting (not used) until the
   * parent chooses text messages and types the code sent to it. Audited
   * without the number. Nothing happens when it is empty or already theirs.
   */
  async function recordMobile(caseId: string, parentId: string, typed: string | undefined, actor: StaffActor) {
    const mobile = typed?.trim() ? ukMobile(typed) : null;
    if (!mobile) return;
    const known = await repo.parents.findInCase(caseId, parentId);
    if (!known || known.mobile === mobile || known.mobile_pending === mobile) return;
    await recordPendingMobile(db, parentId, mobile);
    await audit.record({
      actorType: 'staff',
      actorId: actor.id,
      action: 'parent.mobile-recorded',
      caseId,
      subjectType: 'parent',
      subjectId: parentId,
    });
  }
  const now = () => clock.now().toISOString();

  return {
    /**
     * A page of cases (50), most recently changed first, with counts and the
     * next conference. `search` finds cases whose reference, or one of whose
     * parents' or carers' names, starts with it (in any case); both read an
     * index, so the page costs the same with 100,000 cases.
     */
    async list(options: { search?: string | undefined } & PageRequest = {}): Promise<Page<CaseListRow>> {
      const how = reading(options, ['string', 'string']);
      const cursor = how.cursor ? ([String(how.cursor[0]), String(how.cursor[1])] as const) : null;
      const rows = await repo.list(
        (options.search ?? '').trim().toLowerCase(),
        { direction: how.direction, cursor, limit: how.size + 1 },
        now(),
      );
      const page = toPage(rows, how, (r) => [r.updated_at, r.id]);
      return {
        ...page,
        rows: page.rows.map((r) => ({
          ...r,
          children: Number(r.children ?? 0),
          parents: Number(r.parents ?? 0),
          next_conference: r.next_conference ?? null,
        })),
      };
    },

    /** One case with everything the case page shows; null when there is none. */
    async get(caseId: string) {
      const row = await repo.find(caseId);
      if (!row) return null;
      const [children, parents, conferences] = await Promise.all([
        repo.children.inCase(caseId),
        repo.parents.inCase(caseId),
        conferencesRepository(db).inCase(caseId),
      ]);
      const nextConference = conferences.filter((c) => c.status === 'scheduled' && c.starts_at >= now()).at(-1);
      const on = nextConference ? londonDate(new Date(nextConference.starts_at)) : londonDate(clock.now());
      return {
        ...row,
        children: children.map((c) => ({
          ...c,
          age: ageOn(c.date_of_birth, on),
          invited: childInvited(authority, c.date_of_birth, on),
        })),
        parents: parents.map((p) => ({
          ...p,
          // Each parent's invitation and last sign-in with their current address (parents.last_signed_in_at).
          signIn: signInStatus(p),
        })),
        conferences,
      };
    },

    /** Opens a case; its reference must be new. */
    async create(reference: string, actor: StaffActor): Promise<Result<{ id: string }, 'duplicate'>> {
      assertCan(actor.role, 'editCases');
      if (await cases.findCaseByReference(reference.trim())) return refused('duplicate');
      return done({ id: await cases.createCase(reference.trim(), actor) });
    },

    /** Changes a case's reference. */
    async rename(caseId: string, reference: string, actor: StaffActor): Promise<Result<object, 'duplicate'> | Invalid> {
      assertCan(actor.role, 'editCases');
      if (!reference.trim()) return invalid('reference');
      const other = await cases.findCaseByReference(reference.trim());
      if (other && other !== caseId) return refused('duplicate');
      await inTransaction(db, async (trx) => {
        await casesRepository(trx).rename(caseId, reference.trim(), now());
        await audit.record(
          {
            actorType: 'staff',
            actorId: actor.id,
            action: 'case.update',
            caseId,
            subjectType: 'case',
            subjectId: caseId,
          },
          trx,
        );
      });
      return done();
    },

    /** Adds a child (first name and date of birth). */
    async addChild(
      caseId: string,
      child: { firstName: string; dateOfBirth: string },
      actor: StaffActor,
    ): Promise<Result<{ id: string }> | Invalid> {
      assertCan(actor.role, 'editCases');
      const wrong = checkChild(child);
      if (wrong) return wrong;
      const id = await cases.addChild({ caseId, ...child }, actor);
      await touch(caseId);
      return done({ id });
    },

    /** Corrects a child's first name or date of birth. */
    async updateChild(
      caseId: string,
      childId: string,
      child: { firstName: string; dateOfBirth: string },
      actor: StaffActor,
    ): Promise<Result | Invalid | Missing> {
      assertCan(actor.role, 'editCases');
      const wrong = checkChild(child);
      if (wrong) return wrong;
      if (!(await childOf(caseId, childId))) return missing();
      await inTransaction(db, async (trx) => {
        await casesRepository(trx).children.update(caseId, childId, {
          first_name: child.firstName,
          date_of_birth: child.dateOfBirth,
        });
        await audit.record(
          {
            actorType: 'staff',
            actorId: actor.id,
            action: 'child.update',
            caseId,
            subjectType: 'child',
            subjectId: childId,
          },
          trx,
        );
        await touch(caseId, trx);
      });
      return done();
    },

    /** Takes a child off the case (and off its conferences), e.g. one added to the wrong family. */
    async removeChild(caseId: string, childId: string, actor: StaffActor): Promise<Result | Missing> {
      assertCan(actor.role, 'editCases');
      if (!(await childOf(caseId, childId))) return missing();
      await inTransaction(db, async (trx) => {
        // Removed once, however many times it is asked for at once.
        if (!(await casesRepository(trx).children.remove(caseId, childId))) return;
        await audit.record(
          {
            actorType: 'staff',
            actorId: actor.id,
            action: 'child.remove',
            caseId,
            subjectType: 'child',
            subjectId: childId,
          },
          trx,
        );
        await touch(caseId, trx);
      });
      return done();
    },

    /** Invites a parent of the case, or invites them again (the shared invitation: a neutral email in their language). */
    async invite(caseId: string, parentId: string, actor: StaffActor): Promise<Result | Missing> {
      assertCan(actor.role, 'editCases');
      if (!(await repo.parents.findInCase(caseId, parentId))) return missing();
      await invite.inviteParent(parentId, { type: 'staff', id: actor.id });
      return done();
    },

    /** Adds a parent or carer (not yet invited); an address already in the case is refused. */
    async addParent(
      caseId: string,
      { mobile, ...parent }: ParentDetails,
      actor: StaffActor,
    ): Promise<Result<{ id: string }, 'duplicate'> | Invalid> {
      assertCan(actor.role, 'editCases');
      const wrong = checkParent(parent);
      if (wrong) return wrong;
      if (await emailTaken(caseId, parent.email, null)) return refused('duplicate');
      const id = await cases.addParent(
        { caseId, ...parent, name: parent.name.trim(), email: normaliseEmail(parent.email) },
        actor,
      );
      await recordMobile(caseId, id, mobile, actor);
      await touch(caseId);
      return done({ id });
    },

    /** Changes a parent's details. A changed address takes effect at their next sign-in (invite again to tell them). */
    async updateParent(
      caseId: string,
      parentId: string,
      { mobile, ...parent }: ParentDetails,
      actor: StaffActor,
    ): Promise<Result<object, 'duplicate'> | Invalid | Missing> {
      assertCan(actor.role, 'editCases');
      const wrong = checkParent(parent);
      if (wrong) return wrong;
      const before = await repo.parents.findInCase(caseId, parentId);
      if (!before) return missing();
      if (await emailTaken(caseId, parent.email, parentId)) return refused('duplicate');
      const emailChanged = normaliseEmail(before.email) !== normaliseEmail(parent.email);
      await inTransaction(db, async (trx) => {
        await casesRepository(trx).parents.updateDetails(parentId, {
          name: parent.name.trim(),
          email: normaliseEmail(parent.email),
          preferred_language: parent.preferredLanguage,
          shares_household: parent.sharesHousehold ? 1 : 0,
          // A new address needs a new invitation (and its own account).
          // A sign-in with the earlier address does not count for the new one.
          ...(emailChanged ? { user_id: null, invited_at: null, last_signed_in_at: null } : {}),
          updated_at: now(),
        });
        await audit.record(
          {
            actorType: 'staff',
            actorId: actor.id,
            action: 'parent.update',
            caseId,
            subjectType: 'parent',
            subjectId: parentId,
            detail: { emailChanged },
          },
          trx,
        );
        await touch(caseId, trx);
      });
      await recordMobile(caseId, parentId, mobile, actor);
      return done();
    },
  };

  /** What the child form should have refused already (defence in depth), or null. */
  function checkChild(child: { firstName: string; dateOfBirth: string }): Invalid | null {
    if (!child.firstName.trim()) return invalid('firstName');
    if (!isCalendarDate(child.dateOfBirth) || child.dateOfBirth > londonDate(clock.now()))
      return invalid('dateOfBirth');
    return null;
  }

  /** What the parent form should have refused already (defence in depth), or null. */
  function checkParent(parent: { name: string; email: string; preferredLanguage: string }): Invalid | null {
    if (!parent.name.trim()) return invalid('name');
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(normaliseEmail(parent.email))) return invalid('email');
    if (!isLocale(parent.preferredLanguage)) return invalid('preferredLanguage');
    return null;
  }

  /** Whether the child is one of the case's. */
  function childOf(caseId: string, childId: string): Promise<boolean> {
    return repo.children.existsInCase(caseId, childId);
  }

  /** Another parent in the case has this address. */
  async function emailTaken(caseId: string, email: string, except: string | null): Promise<boolean> {
    return repo.parents.emailTaken(caseId, normaliseEmail(email), except);
  }

  async function touch(caseId: string, on: Kysely<Database> = db) {
    await casesRepository(on).touch(caseId, now());
  }
}
export type StaffCasesService = ReturnType<typeof staffCasesService>;
