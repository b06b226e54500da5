import type { APIRoute } from 'astro';
import { isLocale } from '~/config/locales';
import { notFound } from '~/server/http/account';
import { getServices } from '~/server/services';

export const prerender = false;

/**
 * The conference as a calendar file for the parent's own calendar, with a
 * neutral title ("Meeting – see portal"); moved or cancelled, the same UID
 * with a higher SEQUENCE updates it. Anyone else's conference: 404.
 */
export const GET: APIRoute = async ({ params, locals }) => {
  if (!isLocale(params.lang) || !locals.parent) return notFound();
  const services = await getServices();
  const ics = await services.parentCalendar.ics(locals.parent, params.id ?? '', params.lang);
  if (ics === null) return notFound();
  return new Response(ics, {
    status: 200,
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'attachment; filename="meeting.ics"',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    },
  });
};
