import { currentRequest } from '~/server/log';
import { HttpError } from './errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const FORM_TYPE = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

/** better-auth's own endpoints take JSON as well as forms (they check their bodies themselves). */
function takesJson(path: string): boolean {
  return path.startsWith('/api/auth/');
}

/** Does the request carry a body (announced with a length above 0, or sent in chunks)? */
function hasBody(request: Request): boolean {
  const length = request.headers.get('content-length');
  if (length !== null) return Number(length) > 0;
  return request.headers.has('transfer-encoding');
}

/** A POST to a reminder's stop link, /stop/<token> (src/pages/stop/[token].ts), as a form. */
function isOneClickStop(request: Request, path: string): boolean {
  return (
    request.method === 'POST' &&
    /^\/stop\/[A-Za-z0-9_-]{1,80}\/?$/.test(path) &&
    FORM_TYPE.test(request.headers.get('content-type') ?? '')
  );
}

/**
 * Why a request to a page rendered on demand is refused before its page runs,
 * or null. Every change (anything but GET, HEAD and OPTIONS) must come from a
 * page of this site: its Origin exactly the SITE_URL origin (a forged form on
 * another site is refused; so is a request that does not say where it came
 * from). And it must be a form: a body of any other type is a 400.
 */
export function refusalOf(request: Request, path: string, siteOrigin: string | readonly string[]): HttpError | null {
  if (SAFE_METHODS.has(request.method)) return null;
  // RFC 8058 one-click unsubscribe: the mail provider posts to the signed stop
  // link from its own servers (no Origin); the signed token is the authority.
  if (isOneClickStop(request, path)) return null;
  const origin = request.headers.get('origin');
  const allowed = typeof siteOrigin === 'string' ? [siteOrigin] : siteOrigin;
  if (origin === null || !allowed.includes(origin) || request.headers.get('sec-fetch-site') === 'cross-site')
    return new HttpError(403, `A ${request.method} from ${origin === null ? 'no origin' : 'another origin'} refused`);
  if (takesJson(path) || !hasBody(request)) return null;
  if (!FORM_TYPE.test(request.headers.get('content-type') ?? '')) return new HttpError(400, 'The body is not a form');
  return null;
}

/**
 * Makes the request's formData() fail with the right error page: 413 when the
 * body went over its route's limit while it was read, 400 when it is not a
 * well-formed form. (Without this, a broken body is a TypeError: a 500.)
 */
export function guardFormData(request: Request): void {
  const read = request.formData.bind(request);
  Object.defineProperty(request, 'formData', {
    configurable: true,
    value: async () => {
      try {
        return await read();
      } catch (error) {
        if (currentRequest()?.bodyTooLarge) throw new HttpError(413, 'The body is over its limit', { cause: error });
        throw new HttpError(400, 'The body is not a well-formed form', { cause: error });
      }
    },
  });
}
