import type { Kysely } from 'kysely';
import type { Database } from '~/server/db/schema';
import { conferenceCalendar } from '~/server/domain/calendar';
import { getT } from '~/i18n';
import { isLocale, DEFAULT_LOCALE } from '~/config/locales';
import type { AuditService } from './audit';
import { conferenceFor, type ParentActor } from './parent-scope';

/** A parent's conference as a calendar file: neutral title, the time, a link to sign in. Each download is audited. */
export function parentCalendarService(deps: { db: Kysely<Database>; audit: AuditService; siteUrl: string }) {
  return {
    /** The .ics text for one of the parent's conferences, in their language; null for anyone else's. */
    async ics(actor: ParentActor, conferenceId: string, lang: string): Promise<string | null> {
      const scope = await conferenceFor(deps.db, actor, conferenceId);
      if (!scope) return null;
      const c = scope.conference;
      const locale = isLocale(lang) ? lang : DEFAULT_LOCALE;
      const text = conferenceCalendar(
        {
          id: c.id,
          startsAt: new Date(c.starts_at),
          durationMinutes: c.duration_minutes,
          status: c.status,
          sequence: c.sequence,
        },
        {
          title: getT(locale)('account:calendar.title'),
          url: new URL(`/${locale}/account/sign-in/`, deps.siteUrl).href,
          host: new URL(deps.siteUrl).hostname,
        },
      );
      await deps.audit.record({
        actorType: 'parent',
        actorId: scope.parentId,
        action: 'calendar.download',
        caseId: scope.caseId,
        subjectType: 'conference',
        subjectId: c.id,
      });
      return text;
    },
  };
}
export type ParentCalendarService = ReturnType<typeof parentCalendarService>;
