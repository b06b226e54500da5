import type { APIRoute } from 'astro';
import { CLIENT_IP_HEADER } from '~/server/auth/policy';
import { getServices } from '~/server/services';

export const prerender = false;

/**
 * better-auth's own HTTP endpoints (/api/auth/*). The pages do not need them
 * (they call the auth service directly); they serve scripts and the staff area.
 * The client's address comes from Astro, never from a header the client sent.
 */
export const ALL: APIRoute = async ({ request, clientAddress }) => {
  const { auth } = await getServices();
  const headers = new Headers(request.headers);
  headers.delete(CLIENT_IP_HEADER);
  if (clientAddress) headers.set(CLIENT_IP_HEADER, clientAddress);
  const forwarded = new Request(request, { headers });
  const response = await auth.handler(forwarded);
  return withNoStore(response);
};

function withNoStore(response: Response): Response {
  const copy = new Response(response.body, response);
  copy.headers.set('Cache-Control', 'no-store');
  return copy;
}
