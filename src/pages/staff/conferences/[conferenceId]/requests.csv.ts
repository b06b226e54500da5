// The chair's pack: one conference's requests as a CSV download.
import type { APIRoute } from 'astro';
import { notFound, openStaffPage } from '~/server/http/staff-pages';

export const prerender = false;

export const GET: APIRoute = async (context) => {
  const opened = await openStaffPage(context, { view: 'view' });
  if (opened instanceof Response) return opened;
  const { services, actor } = opened;
  const details = await services.staffConferences.details(context.params.conferenceId ?? '');
  if (!details) return notFound();
  const csv = await services.staffInbox.csv(details.conference.id, actor);
  const name = `requests-${details.caseRow.reference.replace(/[^A-Za-z0-9-]/g, '_')}-${details.conference.starts_at.slice(0, 10)}.csv`;
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
};

export const POST: APIRoute = async (context) => {
  const opened = await openStaffPage(context, { view: 'view', change: 'manageStaff' });
  if (opened instanceof Response) return opened;
  return new Response('Method not allowed', { status: 405 });
};
