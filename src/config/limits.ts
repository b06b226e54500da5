/**
 * How much a request may send. One place for the numbers: the server
 * enforces them while it reads, the upload page and the staff reports
 * service quote and check the same ones, and docs/deploy.md matches the
 * proxy's limits to them. (scripts/serve.mjs loads this file directly.)
 */

/** The largest report file the staff area takes (20 MB: a long scanned report fits; a video does not). */
export const MAX_REPORT_BYTES = 20 * 1024 * 1024;

/** Any form: the longest text a form allows is a few thousand characters, so 64 KB is far more than a person can type. */
export const FORM_BODY_BYTES = 64 * 1024;

/**
 * The most the report upload reads. A file over MAX_REPORT_BYTES is refused as
 * it arrives, and the page answers with the form and its message (keeping what
 * was typed); a body announced as more than this is not a report at all and
 * gets the 413 page at once.
 */
export const UPLOAD_BODY_BYTES = 2 * MAX_REPORT_BYTES;

/**
 * How long the server keeps an idle keep-alive connection open (Node's default
 * is 5 s). Longer than the proxy's own idle time for its connections to us
 * (nginx's upstream keepalive_timeout is 60 s, a cloud load balancer's usually
 * 60 s): the proxy must be the one to close an idle connection. If the server
 * closed it first, a request the proxy sends on it at that moment is cut off:
 * a 502 for the parent, and a form (not retried by the proxy) lost.
 */
export const KEEP_ALIVE_MS = 65_000;
