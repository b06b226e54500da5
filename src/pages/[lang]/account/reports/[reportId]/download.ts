import type { APIRoute } from 'astro';
import { isLocale } from '~/config/locales';
import { notFound } from '~/server/http/account';
import { pacedByClient } from '~/server/http/paced-stream';
import { getServices } from '~/server/services';

export const prerender = false;

/** "Report – Social care.pdf" → an ASCII stand-in for old clients ("Report - Social care.pdf"). */
function asciiName(name: string): string {
  const plain = name
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\]/g, '')
    .trim();
  return plain || 'report';
}

/** RFC 5987 encoding for filename*=UTF-8''… */
function encodeName(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Sends one report to a parent it was shared with, as a download, streamed
 * from the report store as fast as the parent's connection takes it (never
 * read whole into memory, nor ahead of a slow client). Anyone else, and any
 * withdrawn or unknown report, gets 404. Each download is audited.
 */
export const GET: APIRoute = async ({ params, locals }) => {
  if (!isLocale(params.lang) || !locals.parent) return notFound();
  const services = await getServices();
  const report = await services.parentReports.open(locals.parent, params.reportId ?? '');
  if (!report) return notFound();
  return new Response(pacedByClient(report.stream), {
    status: 200,
    headers: {
      'Content-Type': report.contentType,
      'Content-Length': String(report.size),
      'Content-Disposition': `attachment; filename="${asciiName(report.fileName)}"; filename*=UTF-8''${encodeName(report.fileName)}`,
      'X-Content-Type-Options': 'nosniff',
      // Opened in the browser anyway (a PDF viewer, a mistaken type): no script, no form, no plug-in runs,
      // and no other site may embed it.
      'Content-Security-Policy': "sandbox; default-src 'none'",
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cache-Control': 'no-store',
    },
  });
};
