import { randomUUID } from 'node:crypto';
import { log } from '~/server/log';
import { missing, refused, type Result } from '~/server/result';
import type { Services } from '~/server/services';
import {
  MAX_REPORT_BYTES,
  type NewReport,
  type ReceivedReport,
  type StaffActor,
  type UploadProblem,
} from '~/server/services/staff-reports';
import type { FieldError } from './forms';
import { readMultipart } from './multipart';
import type { StaffFieldError } from './staff-forms';

/**
 * The staff upload form's body (the `read` of the one form helper, ./form-page.ts):
 * the file streams from the request into the report store as it arrives (checked
 * on the way, refused part way) and the text fields come with it. A file
 * received is kept only by `commit`; `discardUnkept` takes it out again when the
 * form had problems or reading failed part way.
 */
export function reportUpload(services: Services, conferenceId: string, actor: StaffActor) {
  let received = null as ReceivedReport | null;
  let committed = false;
  /** The conference was not there when the file came: nothing read, nothing kept. */
  let conferenceGone = false;
  return {
    async read(request: Request): Promise<{ form: FormData; errors: (FieldError | StaffFieldError)[] }> {
      // Set in the reader's callback, so their types must not narrow to null here.
      let fileRefused = null as UploadProblem | null;
      /** The store failed (a full or read-only disk, the database or bucket out of reach): the logged error's reference. */
      let storeFailed = null as string | null;
      let fileName = '';
      const form = await readMultipart(request, 'file', async (file) => {
        fileName = file.fileName;
        if (!file.fileName) return true;
        try {
          const answer = await services.staffReports.receive({ conferenceId, fileName, stream: file.stream }, actor);
          if (answer.ok) received = answer.received;
          else if (answer.reason === 'missing') conferenceGone = true;
          else fileRefused = answer.reason;
        } catch (e) {
          storeFailed = randomUUID().slice(0, 8).toUpperCase();
          log.error({ err: e, reference: storeFailed, component: 'reports' }, 'A report could not be stored');
        }
        // Refused or not stored: the rest of it is not read; what was typed stays on the form.
        return received !== null;
      });
      const problem: FieldError | StaffFieldError | null = storeFailed
        ? {
            field: 'file',
            message: `The report could not be saved. Choose the file again and try again. If it keeps happening, tell your IT team and give them this reference: ${storeFailed}.`,
          }
        : fileRefused
          ? { field: 'file', key: fileRefused, vars: { mb: MAX_REPORT_BYTES / 1024 / 1024 } }
          : received || conferenceGone
            ? null
            : { field: 'file', key: fileName ? 'staff:report.file.empty' : 'staff:report.file.required' };
      return { form, errors: problem ? [problem] : [] };
    },

    /**
     * Records the file received with the form's details; refuses a form with no
     * file (`no-file`), or one whose conference went missing meanwhile (`missing`: a 404).
     */
    async commit(
      details: Pick<NewReport, 'title' | 'agency' | 'parentIds'>,
    ): Promise<Result<object, 'no-file' | 'missing'>> {
      if (conferenceGone) return missing();
      if (!received) return refused('no-file');
      const saved = await services.staffReports.commit(received, details, actor);
      committed = saved.ok;
      return saved;
    },

    async discardUnkept(): Promise<void> {
      if (received && !committed) await services.staffReports.discard(received);
    },
  };
}
