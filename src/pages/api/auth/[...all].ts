import type { APIRoute } from 'astro';
import { CLIENT_IP_HEADER } from '~/server/auth/policy';
import { notFound } from '~/server/http/account';
import { getServices } from '~/server/services';

export const prerender = false;

/**
 * better-auth's own HTTP endpoints (/api/auth/*), through an allow-list
 * (src/server/auth/endpoints.ts): the pages call the auth service on the
 * server, so almost everything here is 404. The client's address comes from
 * Astro, never from a header the client sent.
 */
export const ALL: APIRoute = async ({ request, clientAddress }) => {
  const { auth } = await getServices();
  const headers = new Headers(request.headers);
  headers.delete(CLIENT_IP_HEADER);
  if (clientAddress) headers.set(CLIENT_IP_HEADER, clientAddress);
  const answer = auth.handler(new Request(request, { headers }));
  if (!answer) return notFound();
  return withNoStore(await answer);
};

function withNoStore(response: Response): Response {
  const copy = new Response(response.body, response);
  copy.headers.set('Cache-Control', 'no-store');
  return copy;
}
