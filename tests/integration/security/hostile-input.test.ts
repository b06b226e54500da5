import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { minimalPdf } from '~/server/demo/parent-area';
import { parseForm } from '~/server/http/forms';
import { caseForm } from '~/server/forms/case';
import { childForm } from '~/server/forms/child';
import { exclusionForm } from '~/server/forms/exclusion';
import { parentForm } from '~/server/forms/parent';
import { reportForm } from '~/server/forms/report';
import { cleanText, visibleLength } from '~/server/forms/text';
import { attendanceForm } from '~/server/forms/attendance';
import { complaintForm } from '~/server/forms/complaint';
import { interpreterForm } from '~/server/forms/interpreter';
import type { Refused } from '~/server/result';
import type { StaffActor } from '~/server/services/staff-reports';
import { supporterForm } from '~/server/forms/supporter';
import { DATABASES } from '../../support/db';
import { makeFamily, openParentArea, type Family, type ParentAreaWorld } from '../../support/parent-area';

// The probe's hostile inputs, generated: at least 300 for each parent and
// staff form, through the form's own checks and then its service, on SQLite
// and PostgreSQL. Nothing may throw but the refusals the pages expect, and
// nothing the text rules refuse may be stored: every stored text is NFC, has
// no control or bidi characters, something visible, and fits its limit.

const PER_FORM = 300;

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pieces the probe sent: control and bidi characters, invisibles, markup, injections, long and odd Unicode. */
const PIECES = [
  'Sam Taylor',
  'Zoë',
  'Zoe\u0308', // NFD
  'ক্ষ',
  'محمد',
  'ਪੰਜਾਬੀ',
  '👩‍👩‍👧',
  '\u0000',
  '\u001b[31mred\u001b[0m',
  '\u007f',
  '\u0085',
  '\u202eevil',
  '\u2066iso\u2069',
  '\u200f',
  '\u200b',
  '\u200d',
  '\u3164',
  '\u2800',
  '\ufeff',
  '\ud800',
  '\udc00x',
  '\t',
  '\n',
  '\r\n',
  '\u2028',
  '   ',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'; DROP TABLE parents; --",
  '=HYPERLINK("https://evil.example","click")',
  '+SUM(1,2)',
  '@cmd',
  '../../etc/passwd',
  '%00',
  '{{7*7}}',
  '${7*7}',
  'a'.repeat(130),
  'b'.repeat(5001),
  '１２３',
  '٣',
  'e\u0301'.repeat(60),
  'https://meet.example/abc',
  'x@example.test',
];

function generate(next: () => number): string {
  const parts = 1 + Math.floor(next() * 4);
  let out = '';
  for (let i = 0; i < parts; i++) out += PIECES[Math.floor(next() * PIECES.length)];
  return out;
}

/** `n` forms: each text field hostile, the rest of the form valid (`rest` may depend on the form's number). */
function forms(
  seed: number,
  textFields: string[],
  rest: Record<string, string | string[]> | ((i: number) => Record<string, string | string[]>),
  n = PER_FORM,
): FormData[] {
  const next = random(seed);
  return Array.from({ length: n }, (_, i) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(typeof rest === 'function' ? rest(i) : rest))
      for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
    for (const name of textFields) form.set(name, generate(next));
    return form;
  });
}

/** Fails for any stored text the rules would refuse. */
function expectClean(value: string | null, max: number, multiline: boolean, where: string) {
  if (value === null) return;
  const cleaned = cleanText(value, { multiline });
  expect(cleaned, `${where}: ${JSON.stringify(value).slice(0, 80)}`).toEqual({ ok: true, text: value });
  expect(value, where).not.toBe('');
  expect(visibleLength(value), where).toBeLessThanOrEqual(max);
}

/** Parses each form and passes what is accepted to `save`; counts what each step refused. */
async function drive<S extends z.ZodType>(
  schema: S,
  all: FormData[],
  save: (data: z.output<S>, i: number) => Promise<unknown>,
  expected: (error: unknown) => boolean = () => false,
  arrays: readonly string[] = [],
): Promise<{ accepted: number; refused: number }> {
  let accepted = 0;
  let refused = 0;
  for (const [i, form] of all.entries()) {
    const parsed = parseForm(schema, form, arrays);
    if (!parsed.ok) {
      refused++;
      continue;
    }
    try {
      await save(parsed.data, i);
      accepted++;
    } catch (error) {
      if (!expected(error)) throw error;
      refused++;
    }
  }
  return { accepted, refused };
}

const OFFICER: StaffActor = { type: 'staff', id: 'staff-officer', role: 'officer' };
const CHAIR: StaffActor = { type: 'staff', id: 'staff-chair', role: 'chair' };

describe.each(DATABASES)('hostile input on $name', ({ open }) => {
  let world: ParentAreaWorld;
  let family: Family;
  let past: Family;
  const db = () => world.services.db.db;
  const tally: string[] = [];

  beforeAll(async () => {
    world = await openParentArea(await open(), { now: '2026-11-02T09:00:00Z' });
    family = await makeFamily(world.services, '2026-11-20T10:00:00Z');
    // A conference that has taken place: its complaint window is open.
    past = await makeFamily(world.services, '2026-10-28T10:00:00Z');
  });
  afterAll(async () => {
    console.info(tally.join('\n'));
    await world?.close();
  });
  const count = (what: string, r: { accepted: number; refused: number }) => {
    tally.push(`${what}: ${r.accepted} stored, ${r.refused} refused`);
    expect(r.accepted + r.refused).toBe(PER_FORM);
  };

  it('parent: supporter, interpreter, attendance and complaint forms', async () => {
    const s = world.services;
    const parent = family.one;
    // A save replaces the one before: each is read back as soon as it is made.
    const storedSupporters = async () => {
      for (const r of await db().selectFrom('supporter_nominations').selectAll().execute()) {
        expectClean(r.name, 120, false, 'supporter name');
        expectClean(r.relationship, 120, false, 'supporter relationship');
      }
    };
    const storedInterpreters = async () => {
      for (const r of await db().selectFrom('interpreter_requests').selectAll().execute()) {
        expectClean(r.language, 100, false, 'interpreter language');
        expectClean(r.dialect, 100, false, 'interpreter dialect');
        expectClean(r.for_whom.replace(/^other:/, ''), 100, false, 'interpreter for whom');
      }
    };
    const storedAttendance = async () => {
      for (const r of await db().selectFrom('attendance').selectAll().execute()) {
        expectClean(r.needs_detail, 1000, true, 'attendance needs');
        expectClean(r.views, 5000, true, 'attendance views');
      }
    };
    const conference = family.conferenceId;
    count(
      'supporter',
      await drive(
        supporterForm,
        forms(1, ['name', 'relationship'], { isSolicitor: 'no', phone: '07946 000982', email: 'jo@example.test' }),
        async (data) => {
          expect(await s.supporter.save(parent, conference, data)).toMatchObject({ ok: true });
          await storedSupporters();
        },
      ),
    );
    count(
      'interpreter',
      await drive(
        interpreterForm,
        forms(2, ['language', 'dialect', 'forWhomOther'], {
          forWhom: 'other',
          preferredGender: 'any',
          when: ['conference'],
        }),
        async (data) => {
          expect(await s.interpreter.save(parent, conference, data)).toMatchObject({ ok: true });
          await storedInterpreters();
        },
        undefined,
        ['when'],
      ),
    );
    count(
      'attendance',
      await drive(
        attendanceForm,
        forms(3, ['needsDetail', 'views'], { mode: 'in-person', needs: ['access'] }),
        async (data) => {
          expect(await s.attendance.save(parent, conference, data)).toMatchObject({ ok: true });
          await storedAttendance();
        },
        undefined,
        ['needs'],
      ),
    );
    count(
      'complaint',
      await drive(complaintForm, forms(4, ['details'], { about: 'process' }), async (data) =>
        expect(await s.complaints.create(past.one, past.conferenceId, data)).toMatchObject({ ok: true }),
      ),
    );

    const complaints = await db().selectFrom('complaints').selectAll().execute();
    expect(complaints.length).toBeGreaterThan(0);
    for (const r of complaints) expectClean(r.details, 5000, true, 'complaint details');
  }, 60_000);

  it('staff: case, child, parent, exclusion and report forms', async () => {
    const s = world.services;
    // A reference or address already taken, or a value no form sends, is the service's answer (a refusal).
    const refusal = new Error('refused by the service');
    const orThrow = async (answer: Promise<{ ok: true } | Refused>) => {
      if (!(await answer).ok) throw refusal;
    };
    const refusedByService = (e: unknown) => e === refusal;
    /** A form that passed its checks must be saved: a refusal fails the test. */
    const saved = async (answer: Promise<{ ok: true } | Refused>) => {
      const result = await answer;
      if (!result.ok) throw new Error(`refused: ${result.reason}`);
    };
    count(
      'case',
      await drive(
        caseForm,
        forms(5, ['reference'], {}),
        (data) => orThrow(s.staffCases.create(data.reference, OFFICER)),
        refusedByService,
      ),
    );
    count(
      'child',
      await drive(childForm, forms(6, ['firstName'], { dateOfBirth: '2018-05-01' }), (data) =>
        saved(s.staffCases.addChild(family.caseId, data, OFFICER)),
      ),
    );
    count(
      'parent',
      await drive(
        parentForm,
        forms(7, ['name'], (i) => ({
          email: `carer${i}@example.test`,
          preferredLanguage: 'pl',
          sharesHousehold: 'no',
        })),
        (data) => orThrow(s.staffCases.addParent(family.caseId, data, OFFICER)),
        refusedByService,
      ),
    );
    count(
      'exclusion',
      await drive(
        exclusionForm,
        forms(8, ['reason', 'partDescription'], { parentId: family.parentIds[1], scope: 'part' }),
        (data) =>
          saved(
            s.staffConferences.exclude(
              family.conferenceId,
              { ...data, partDescription: data.partDescription ?? null },
              CHAIR,
            ),
          ),
      ),
    );
    // The report form with a real file: fewer stored (each a file), all checked.
    const pdf = minimalPdf(['Report']);
    count(
      'report',
      await drive(
        reportForm,
        forms(9, ['title', 'agency'], { parents: [] }),
        (data, i) =>
          saved(
            s.staffReports.upload(
              {
                conferenceId: family.conferenceId,
                title: data.title,
                agency: data.agency,
                parentIds: [],
                fileName: `report-${i}.pdf`,
                stream: Readable.from([Buffer.from(pdf)]),
              },
              OFFICER,
            ),
          ),
        undefined,
        ['parents'],
      ),
    );

    for (const r of await db().selectFrom('cases').selectAll().execute())
      expectClean(r.reference, 40, false, 'case reference');
    for (const r of await db().selectFrom('children').selectAll().execute())
      expectClean(r.first_name, 60, false, 'child name');
    for (const r of await db().selectFrom('parents').selectAll().execute())
      expectClean(r.name, 100, false, 'parent name');
    for (const r of await db().selectFrom('exclusions').selectAll().execute()) {
      expectClean(r.reason, 2000, true, 'exclusion reason');
      expectClean(r.part_description, 300, false, 'exclusion part');
    }
    for (const r of await db().selectFrom('reports').selectAll().execute()) {
      expectClean(r.title, 150, false, 'report title');
      expectClean(r.agency, 100, false, 'report agency');
    }
  }, 60_000);
});
