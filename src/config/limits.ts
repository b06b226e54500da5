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
