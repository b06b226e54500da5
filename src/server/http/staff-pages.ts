import type { APIContext } from 'astro';
import type { Permission } from '~/server/auth/staff-roles';
import type { StaffActor } from '~/server/services/staff-reports';
import { getServices, type Services } from '~/server/services';
import { requireAccess } from './staff-guard';

/**
 * The start of every staff page: checks the member may open it (and may send
 * its form, on POST), and gives the services and the member as an actor.
 */
export async function openStaffPage(
  context: Pick<APIContext, 'locals' | 'rewrite' | 'request'>,
  access: { view: Permission; change?: Permission | undefined },
): Promise<Response | { services: Services; actor: StaffActor }> {
  const denied = await requireAccess(context, access);
  if (denied) return denied;
  const staff = context.locals.staff!;
  return { services: await getServices(), actor: { type: 'staff', id: staff.id, role: staff.role } };
}

/** An empty 404: Astro answers it with the error page, in the staff area's frame (src/pages/404.astro). */
export const notFound = () => new Response(null, { status: 404 });
