import type { Kysely } from 'kysely';
import type { Authority } from '~/config/authority-schema';
import { assertCan } from '~/server/auth/staff-roles';
import type { Database, HandledStatus } from '~/server/db/schema';
import { complaintWindow } from '~/server/domain/parent-windows';
import { utcMidnight, londonDate } from '~/server/domain/working-days';
import type { AuditService } from './audit';
import type { Clock } from './clock';
import { inTransaction } from './transactions';
import { toCsv } from './csv';
import { reading, toPage, type Page, type PageRequest } from './keyset';
import type { StaffActor } from './staff-reports';

export const REQUEST_KINDS = ['supporter', 'interpreter', 'attendance', 'complaint'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const HANDLED_STATUSES = ['new', 'seen', 'done'] as const satisfies readonly HandledStatus[];

const STATUS_RANK = { new: 0, seen: 1, done: 2 } as const;

/** The inbox's order: new, then seen, then done; most recent first; then by kind; then by id. */
function inboxOrder(a: InboxItem, b: InboxItem): number {
  return (
    STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
    (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0) ||
    REQUEST_KINDS.indexOf(a.kind) - REQUEST_KINDS.indexOf(b.kind) ||
    (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)
  );
}

const TABLES = {
  supporter: 'supporter_nominations',
  interpreter: 'interpreter_requests',
  attendance: 'attendance',
  complaint: 'complaints',
} as const;

/** One thing a parent sent, as the team's inbox lists it. */
export interface InboxItem {
  kind: RequestKind;
  id: string;
  conferenceId: string;
  conferenceStartsAt: string;
  caseId: string;
  caseReference: string;
  parentId: string;
  parentName: string;
  receivedAt: string;
  status: HandledStatus;
  handledBy: string | null;
  handledAt: string | null;
  /** Withdrawn by the parent (supporter and interpreter requests). */
  withdrawn: boolean;
  /** What they asked for, in a line. */
  summary: string;
  /** Complaints: days left to complain (0 on the last day), or null once the window has closed. */
  complaintDaysLeft?: number | null;
  /** Complaints: the council has set no time limit, so the window never closes. */
  complaintNoLimit?: boolean;
}

export interface InboxFilter {
  conferenceId?: string | undefined;
  kind?: RequestKind | undefined;
  status?: HandledStatus | undefined;
}

/**
 * Everything parents sent — supporters, interpreter requests, attendance and
 * views, complaints — for one conference or all, with its status (new, seen,
 * done) and who handled it; and a CSV of one conference's for the chair's pack.
 */
export function staffInboxService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  audit: AuditService;
  authority: Authority;
}) {
  const { db, clock, audit, authority } = deps;

  /** One kind of request with its conference, case, parent and handler, as the inbox shows it. */
  function select(kind: RequestKind, filter: InboxFilter & { id?: string | undefined }) {
    const table = TABLES[kind] as 'supporter_nominations';
    let query = db
      .selectFrom(table)
      .innerJoin('conferences', 'conferences.id', `${table}.conference_id`)
      .innerJoin('cases', 'cases.id', 'conferences.case_id')
      .innerJoin('parents', 'parents.id', `${table}.parent_id`)
      .leftJoin('staff', 'staff.id', `${table}.handled_by`)
      .selectAll(table)
      .select([
        'conferences.starts_at as c_starts_at',
        'conferences.status as c_status',
        'cases.id as case_id',
        'cases.reference as case_reference',
        'parents.name as parent_name',
        'staff.name as handler_name',
      ]);
    if (filter.conferenceId) query = query.where(`${table}.conference_id`, '=', filter.conferenceId);
    if (filter.id) query = query.where(`${table}.id`, '=', filter.id);
    if (filter.status) query = query.where(`${table}.handled_status`, '=', filter.status);
    return query;
  }

  async function load(filter: InboxFilter & { id?: string }): Promise<InboxItem[]> {
    const kinds = filter.kind ? [filter.kind] : [...REQUEST_KINDS];
    const items: InboxItem[] = [];
    for (const kind of kinds) {
      const rows = (await select(kind, filter).execute()) as unknown as Record<string, unknown>[];
      for (const r of rows) items.push(toItem(kind, r));
    }
    return items.sort(inboxOrder);
  }

  /**
   * A page of the inbox (keyset): for each status and kind asked for, the
   * rows after (or before) the position through that table's status index,
   * at most a page of each; merged in the inbox's order.
   */
  async function page(filter: InboxFilter & PageRequest): Promise<Page<InboxItem>> {
    const how = reading(filter, ['number', 'string', 'number', 'string']);
    const forward = how.direction === 'forward';
    const statuses = filter.status ? [filter.status] : [...HANDLED_STATUSES];
    const kinds = filter.kind ? [filter.kind] : [...REQUEST_KINDS];
    const items: InboxItem[] = [];
    for (const status of statuses) {
      for (const kind of kinds) {
        const table = TABLES[kind] as 'supporter_nominations';
        const received =
          `${table}.${kind === 'complaint' ? 'created_at' : 'updated_at'}` as `${typeof table}.updated_at`;
        let query = select(kind, { ...filter, status });
        if (how.cursor) {
          const [cs, cat, ck, cid] = how.cursor as [number, string, number, string];
          const s = STATUS_RANK[status];
          const k = REQUEST_KINDS.indexOf(kind);
          // Whole statuses before (or after) the position's.
          if (forward ? s < cs : s > cs) continue;
          if (s === cs) {
            if (k === ck)
              query = query.where((eb) =>
                eb(eb.refTuple(received, `${table}.id`), forward ? '<' : '>', eb.tuple(cat, cid)),
              );
            else query = query.where(received, forward ? (k > ck ? '<=' : '<') : k < ck ? '>=' : '>', cat);
          }
        }
        const order = forward ? 'desc' : 'asc';
        const rows = (await query
          .orderBy(received, order)
          .orderBy(`${table}.id`, order)
          .limit(how.size + 1)
          .execute()) as unknown as Record<string, unknown>[];
        for (const r of rows) items.push(toItem(kind, r));
      }
    }
    items.sort((a, b) => (forward ? inboxOrder(a, b) : inboxOrder(b, a)));
    return toPage(items.slice(0, how.size + 1), how, (i) => [
      STATUS_RANK[i.status],
      i.receivedAt,
      REQUEST_KINDS.indexOf(i.kind),
      i.id,
    ]);
  }

  function toItem(kind: RequestKind, r: Record<string, unknown>): InboxItem {
    // A row's values are database scalars (text, numbers, dates), never objects of our own.
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    const s = (k: string) => (r[k] === null || r[k] === undefined ? '' : String(r[k]));
    const flag = (k: string) => Number(r[k]) === 1;
    const summaries: Record<RequestKind, () => string> = {
      supporter: () =>
        `${s('name')} (${s('relationship')}${flag('is_solicitor') ? ', solicitor' : ''})${s('phone') ? ` · ${s('phone')}` : ''}${s('email') ? ` · ${s('email')}` : ''}`,
      interpreter: () =>
        `${s('language')}${s('dialect') ? ` (${s('dialect')})` : ''} for ${s('for_whom')}; ${[flag('for_conference') && 'conference', flag('for_chair_meeting') && 'meeting with the chair'].filter(Boolean).join(' and ')}${s('preferred_gender') !== 'any' ? `; ${s('preferred_gender')} interpreter` : ''}`,
      attendance: () => {
        const mode =
          { 'in-person': 'Coming in person', online: 'Joining online', 'not-coming': 'Not coming' }[s('mode')] ??
          s('mode');
        const needs = [
          flag('need_access') && 'access',
          flag('need_childcare') && 'childcare',
          flag('need_travel') && 'travel',
          flag('need_breaks') && 'breaks',
        ].filter(Boolean);
        return `${mode}${needs.length ? `; needs: ${needs.join(', ')}` : ''}${s('needs_detail') ? ` (${s('needs_detail')})` : ''}${s('views') ? '; written views sent' : ''}`;
      },
      complaint: () => `${s('reference')}: about the ${s('about')}`,
    };
    const item: InboxItem = {
      kind,
      id: s('id'),
      conferenceId: s('conference_id'),
      conferenceStartsAt: s('c_starts_at'),
      caseId: s('case_id'),
      caseReference: s('case_reference'),
      parentId: s('parent_id'),
      parentName: s('parent_name'),
      receivedAt: s(kind === 'complaint' ? 'created_at' : 'updated_at') || s('created_at'),
      status: s('handled_status') as HandledStatus,
      handledBy: (r.handler_name as string | null) ?? null,
      handledAt: (r.handled_at as string | null) ?? null,
      withdrawn: Boolean(r.withdrawn_at),
      summary: summaries[kind](),
    };
    if (kind === 'complaint') {
      const w = complaintWindow(
        authority.rules,
        { startsAt: new Date(s('c_starts_at')), status: s('c_status') as 'held' },
        clock.now(),
      );
      item.complaintDaysLeft =
        w.state === 'open' && w.lastDay !== null
          ? Math.round((utcMidnight(w.lastDay) - utcMidnight(londonDate(clock.now()))) / 86_400_000)
          : null;
      item.complaintNoLimit = w.state === 'open' && w.lastDay === null;
    }
    return item;
  }

  return {
    /** What parents sent, filtered by conference, kind and status: new first, then the most recent (one conference's: a few). */
    list: (filter: InboxFilter): Promise<InboxItem[]> => load(filter),

    /** The inbox page: 50 items at a time, in the same order, with "Next" and "Previous" tokens. */
    page,

    /** One item with the full text the parent wrote (views, complaint details), for its own page. */
    async get(kind: RequestKind, id: string) {
      const [item] = await load({ kind, id });
      if (!item) return null;
      const row = (await db
        .selectFrom(TABLES[kind] as 'complaints')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst()) as unknown as Record<string, unknown> | undefined;
      const text =
        kind === 'complaint'
          ? String((row?.details as string | null | undefined) ?? '')
          : kind === 'attendance'
            ? String((row?.views as string | null | undefined) ?? '')
            : '';
      return { item, text };
    },

    /** Marks an item seen or done (or new again), recording who and when. */
    async mark(kind: RequestKind, id: string, status: HandledStatus, actor: StaffActor): Promise<void> {
      assertCan(actor.role, 'handleRequests');
      const table = TABLES[kind] as 'complaints';
      // The change and its audit entry together.
      await inTransaction(db, async (trx) => {
        const row = await trx
          .selectFrom(table)
          .innerJoin('conferences', 'conferences.id', `${table}.conference_id`)
          .select(['conferences.case_id'])
          .where(`${table}.id`, '=', id)
          .executeTakeFirstOrThrow();
        await trx
          .updateTable(table)
          .set({
            handled_status: status,
            handled_by: status === 'new' ? null : actor.id,
            handled_at: status === 'new' ? null : clock.now().toISOString(),
          })
          .where('id', '=', id)
          .execute();
        await audit.record(
          {
            actorType: 'staff',
            actorId: actor.id,
            action: `${kind}.mark-${status}`,
            caseId: row.case_id,
            subjectType: kind,
            subjectId: id,
          },
          trx,
        );
      });
    },

    /** The chair's pack: one conference's requests as CSV (audited, as it takes personal details off the system). */
    async csv(conferenceId: string, actor: StaffActor): Promise<string> {
      assertCan(actor.role, 'view');
      const items = await load({ conferenceId });
      const rows = [
        ['Kind', 'Parent', 'Received', 'Status', 'Handled by', 'Handled at', 'Withdrawn', 'Request', 'Written text'],
      ];
      for (const i of items) {
        const full = await this.get(i.kind, i.id);
        rows.push([
          i.kind,
          i.parentName,
          i.receivedAt,
          i.status,
          i.handledBy ?? '',
          i.handledAt ?? '',
          i.withdrawn ? 'yes' : '',
          i.summary,
          full?.text ?? '',
        ]);
      }
      const conference = await db
        .selectFrom('conferences')
        .select('case_id')
        .where('id', '=', conferenceId)
        .executeTakeFirst();
      await audit.record({
        actorType: 'staff',
        actorId: actor.id,
        action: 'requests.export',
        caseId: conference?.case_id ?? null,
        subjectType: 'conference',
        subjectId: conferenceId,
        detail: { rows: items.length },
      });
      return toCsv(rows);
    },
  };
}
export type StaffInboxService = ReturnType<typeof staffInboxService>;
