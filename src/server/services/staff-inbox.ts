import type { Kysely } from 'kysely';
import type { Authority } from '~/config/authority-schema';
import { assertCan } from '~/server/auth/staff-roles';
import { conferencesRepository } from '~/server/db/repositories/conferences';
import type { Database, HandledStatus } from '~/server/db/schema';
import {
  REQUEST_KINDS,
  requestsRepository,
  type RequestKind,
  type RequestQuery,
  type RequestRow,
} from '~/server/db/repositories/requests';
import { complaintWindow } from '~/server/domain/parent-windows';
import { utcMidnight, londonDate } from '~/server/domain/working-days';
import type { AuditService } from './audit';
import type { Clock } from './clock';
import { inTransaction } from './transactions';
import { toCsv } from './csv';
import { reading, toPage, type Page, type PageRequest } from './keyset';
import type { StaffActor } from './staff-reports';

export { REQUEST_KINDS, type RequestKind };
export const HANDLED_STATUSES = ['new', 'seen', 'done'] as const satisfies readonly HandledStatus[];

const STATUS_RANK = { new: 0, seen: 1, done: 2 } as const;

const flag = (value: number | boolean) => Number(value) === 1;

/** What a parent asked for, in a line (English: the staff area is in English only). */
function summaryOf(r: RequestRow): string {
  switch (r.kind) {
    case 'supporter':
      return `${r.name} (${r.relationship}${flag(r.is_solicitor) ? ', solicitor' : ''})${r.phone ? ` · ${r.phone}` : ''}${r.email ? ` · ${r.email}` : ''}`;
    case 'interpreter': {
      const when = [flag(r.for_conference) && 'conference', flag(r.for_chair_meeting) && 'meeting with the chair'];
      return `${r.language}${r.dialect ? ` (${r.dialect})` : ''} for ${r.for_whom}; ${when.filter(Boolean).join(' and ')}${r.preferred_gender !== 'any' ? `; ${r.preferred_gender} interpreter` : ''}`;
    }
    case 'attendance': {
      const mode =
        { 'in-person': 'Coming in person', online: 'Joining online', 'not-coming': 'Not coming' }[r.mode] ?? r.mode;
      const needs = [
        flag(r.need_access) && 'access',
        flag(r.need_childcare) && 'childcare',
        flag(r.need_travel) && 'travel',
        flag(r.need_breaks) && 'breaks',
      ].filter(Boolean);
      return `${mode}${needs.length ? `; needs: ${needs.join(', ')}` : ''}${r.needs_detail ? ` (${r.needs_detail})` : ''}${flag(r.has_views) ? '; written views sent' : ''}`;
    }
    case 'complaint':
      return `${r.reference}: about the ${r.about}`;
  }
}

/** The fields the inbox is ordered by. */
type InboxKey = Pick<InboxItem, 'kind' | 'id' | 'status' | 'receivedAt'>;

/** The inbox's order: new, then seen, then done; most recent first; then by kind; then by id. */
function inboxOrder(a: InboxKey, b: InboxKey): number {
  return (
    STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
    (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0) ||
    REQUEST_KINDS.indexOf(a.kind) - REQUEST_KINDS.indexOf(b.kind) ||
    (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)
  );
}

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

  const requests = requestsRepository(db);

  async function load(filter: InboxFilter & { id?: string }): Promise<InboxItem[]> {
    const kinds = filter.kind ? [filter.kind] : [...REQUEST_KINDS];
    const items: InboxItem[] = [];
    for (const kind of kinds) for (const r of await requests.list(kind, filter)) items.push(toItem(r));
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
    // In the order the page is read: every new item comes before every seen one, so once
    // one status fills the page, the statuses after it are not queried at all.
    const statuses = filter.status ? [filter.status] : [...HANDLED_STATUSES];
    if (!forward) statuses.reverse();
    const kinds = filter.kind ? [filter.kind] : [...REQUEST_KINDS];
    // Rows are made into items (their summary, a complaint's window) only once they are on the page.
    const found: { row: RequestRow; key: InboxKey }[] = [];
    for (const status of statuses) {
      if (found.length > how.size) break;
      for (const kind of kinds) {
        let position: RequestQuery['position'];
        if (how.cursor) {
          const [cs, cat, ck, cid] = how.cursor as [number, string, number, string];
          const s = STATUS_RANK[status];
          const k = REQUEST_KINDS.indexOf(kind);
          // Whole statuses before (or after) the position's.
          if (forward ? s < cs : s > cs) continue;
          if (s === cs)
            position =
              k === ck
                ? { compare: forward ? '<' : '>', receivedAt: cat, id: cid }
                : { compare: forward ? (k > ck ? '<=' : '<') : k < ck ? '>=' : '>', receivedAt: cat, id: null };
        }
        const rows = await requests.list(kind, {
          ...filter,
          status,
          position,
          order: forward ? 'desc' : 'asc',
          limit: how.size + 1,
        });
        for (const row of rows)
          found.push({
            row,
            key: { kind: row.kind, id: row.id, status: row.handled_status, receivedAt: row.received_at },
          });
      }
    }
    found.sort((a, b) => (forward ? inboxOrder(a.key, b.key) : inboxOrder(b.key, a.key)));
    const items = found.slice(0, how.size + 1).map(({ row }) => toItem(row));
    return toPage(items, how, (i) => [STATUS_RANK[i.status], i.receivedAt, REQUEST_KINDS.indexOf(i.kind), i.id]);
  }

  function toItem(r: RequestRow): InboxItem {
    const item: InboxItem = {
      kind: r.kind,
      id: r.id,
      conferenceId: r.conference_id,
      conferenceStartsAt: r.c_starts_at,
      caseId: r.case_id,
      caseReference: r.case_reference,
      parentId: r.parent_id,
      parentName: r.parent_name,
      receivedAt: r.received_at,
      status: r.handled_status,
      handledBy: r.handler_name,
      handledAt: r.handled_at,
      withdrawn: 'withdrawn_at' in r && Boolean(r.withdrawn_at),
      summary: summaryOf(r),
    };
    if (r.kind === 'complaint') {
      const w = complaintWindow(
        authority.rules,
        { startsAt: new Date(r.c_starts_at), status: r.c_status },
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
      const text = await requests.writtenText(kind, id);
      return { item, text };
    },

    /** Marks an item seen or done (or new again), recording who and when. */
    async mark(kind: RequestKind, id: string, status: HandledStatus, actor: StaffActor): Promise<void> {
      assertCan(actor.role, 'handleRequests');
      // The change and its audit entry together.
      await inTransaction(db, async (trx) => {
        const caseId = await requests.caseOf(kind, id, trx);
        if (caseId === null) throw new Error(`no ${kind} request ${id}`);
        await requests.mark(
          kind,
          id,
          status === 'new' ? { status, by: null, at: null } : { status, by: actor.id, at: clock.now().toISOString() },
          trx,
        );
        await audit.record(
          {
            actorType: 'staff',
            actorId: actor.id,
            action: `${kind}.mark-${status}`,
            caseId,
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
      const caseId = await conferencesRepository(db).caseIdOf(conferenceId);
      await audit.record({
        actorType: 'staff',
        actorId: actor.id,
        action: 'requests.export',
        caseId,
        subjectType: 'conference',
        subjectId: conferenceId,
        detail: { rows: items.length },
      });
      return toCsv(rows);
    },
  };
}
export type StaffInboxService = ReturnType<typeof staffInboxService>;
