import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formPage, refusedWith, type FormPageOptions, type FormState } from '~/server/http/form-page';
import { HttpError } from '~/server/http/errors';
import { newSubmissionKey, SUBMISSION_FIELD } from '~/server/http/submission-key';
import { requiredLine } from '~/server/forms/text';
import { missing, refused } from '~/server/result';

// The one helper every form page uses (src/server/http/form-page.ts), driven with fake requests.
const schema = z.object({
  name: requiredLine(20, {
    required: 'account:supporter.error.name.required',
    tooLong: 'account:supporter.error.name.tooLong',
  }),
});

const get = () => new Request('https://portal.test/page/');
const post = (fields: Record<string, string>) =>
  new Request('https://portal.test/page/', { method: 'POST', body: new URLSearchParams(fields) });
const context = (request: Request) => ({
  request,
  redirect: (path: string, status = 302) => new Response(null, { status, headers: { Location: path } }),
});

/** A page whose state is a list of saved names, read from `store` each time. */
type Store = { names: string[]; open: boolean };
function page(store: Store, extra: Partial<FormPageOptions<Store, typeof schema, 'closed'>> = {}) {
  const saved: { name: string; submission: string | undefined }[] = [];
  const options: FormPageOptions<Store, typeof schema, 'closed'> = {
    load: async () => ({ names: [...store.names], open: store.open }),
    initial: (state) => ({ name: state.names.at(-1) ?? '' }),
    schema,
    save: async (data, submission) => {
      if (!store.open) return refused('closed');
      saved.push({ name: data.name, submission });
      store.names.push(data.name);
      return '/done/?saved=name';
    },
    ...extra,
  };
  return { saved, run: (request: Request) => formPage(context(request), options) };
}

const shown = <T, E>(answer: Response | FormState<T, E>): FormState<T, E> => {
  if (answer instanceof Response) throw new Error(`expected the page, got ${answer.status}`);
  return answer;
};

describe('the form helper', () => {
  it('shows what was saved before, with a fresh submission key', async () => {
    const { run } = page({ names: ['Jo'], open: true });
    const first = shown(await run(get()));
    expect(first.values).toEqual({ name: 'Jo' });
    expect(first.errors).toEqual([]);
    expect(first.submission).toMatch(/^[0-9a-f-]{36}$/);
    expect(shown(await run(get())).submission).not.toBe(first.submission);
  });

  it('saves a good form and redirects with 303, passing the submission key to the service', async () => {
    const { run, saved } = page({ names: [], open: true });
    const key = newSubmissionKey();
    const answer = await run(post({ name: ' Sam ', [SUBMISSION_FIELD]: key }));
    expect(answer).toBeInstanceOf(Response);
    expect((answer as Response).status).toBe(303);
    expect((answer as Response).headers.get('Location')).toBe('/done/?saved=name');
    expect(saved).toEqual([{ name: 'Sam', submission: key }]);
  });

  it('shows the problems with what was typed, keeping the submission key, and saves nothing', async () => {
    const { run, saved } = page({ names: ['Jo'], open: true });
    const key = newSubmissionKey();
    const answer = shown(await run(post({ name: 'x'.repeat(21), [SUBMISSION_FIELD]: key })));
    expect(answer.errors).toEqual([
      { field: 'name', key: 'account:supporter.error.name.tooLong', vars: { count: 20 } },
    ]);
    expect(answer.values).toEqual({ name: 'x'.repeat(21), [SUBMISSION_FIELD]: key });
    expect(answer.submission).toBe(key);
    expect(saved).toEqual([]);
  });

  it('on a refusal reads the page again and shows it with the refusal’s message', async () => {
    const store = { names: ['Jo'], open: false };
    const { run } = page(store, {
      load: async () => ({ names: [...store.names, 'read again'], open: store.open }),
      refused: (reason) => (reason === 'closed' ? { field: 'name', key: 'account:closed.started' } : null),
    });
    const answer = shown(await run(post({ name: 'Sam' })));
    expect(answer.state.names).toEqual(['Jo', 'read again']);
    expect(answer.errors).toEqual([{ field: 'name', key: 'account:closed.started' }]);
    expect(answer.values).toEqual({ name: 'Sam' });
  });

  it('on a refusal without a message shows the page as it now is', async () => {
    const store = { names: ['Jo'], open: false };
    const { run } = page(store);
    const answer = shown(await run(post({ name: 'Sam' })));
    expect(answer.errors).toEqual([]);
    expect(answer.state.open).toBe(false);
  });

  it('sends the answer a refusal asks for (a 404)', async () => {
    const { run } = page({ names: [], open: false }, { refused: () => new Response(null, { status: 404 }) });
    expect(((await run(post({ name: 'Sam' }))) as Response).status).toBe(404);
  });

  it('answers 404 when the service says the thing is missing, unless the page has a message for it', async () => {
    // A parent, child or conference gone between showing the form and saving it.
    const options = (refusedMessage?: () => { field: string; key: 'account:closed.started' }) => ({
      load: async () => ({}),
      schema,
      save: async () => missing(),
      ...(refusedMessage ? { refused: refusedMessage } : {}),
    });
    expect(((await formPage(context(post({ name: 'Sam' })), options())) as Response).status).toBe(404);
    const kept = shown(
      await formPage(
        context(post({ name: 'Sam' })),
        options(() => ({ field: 'name', key: 'account:closed.started' })),
      ),
    );
    expect(kept.errors).toEqual([{ field: 'name', key: 'account:closed.started' }]);
  });

  it('on a refusal that brings its own message shows it on the page read again, keeping what was typed', async () => {
    // As the staff pages do: the message depends on the button, in words the save already has.
    let reads = 0;
    const options = {
      load: async () => ({ reads: ++reads }),
      schema,
      save: async (data: { name: string }) => refusedWith({ field: 'name', message: `${data.name} is taken` }),
      actions: { reset: async () => refusedWith({ field: 'code', message: 'This code is not right.' }) },
    };
    const saved = shown(await formPage(context(post({ name: 'Sam' })), options));
    expect(saved.errors).toEqual([{ field: 'name', message: 'Sam is taken' }]);
    expect(saved.values).toEqual({ name: 'Sam' });
    expect(saved.state).toEqual({ reads: 2 });
    const reset = shown(await formPage(context(post({ action: 'reset', code: '1' })), options));
    expect(reset.errors).toEqual([{ field: 'code', message: 'This code is not right.' }]);
    expect(reset.state).toEqual({ reads: 4 });
  });

  it('sends the Response a save or a button answers with (a redirect that clears cookies)', async () => {
    const signedOut = () =>
      new Response(null, { status: 303, headers: { Location: '/signed-out/', 'Set-Cookie': 'a=; Max-Age=0' } });
    const { run, saved } = page(
      { names: [], open: true },
      { save: async () => signedOut(), actions: { reset: async () => signedOut() } },
    );
    for (const fields of [{ name: 'Sam' }, { action: 'reset' }]) {
      const answer = (await run(post(fields))) as Response;
      expect(answer.status).toBe(303);
      expect(answer.headers.get('Set-Cookie')).toBe('a=; Max-Age=0');
    }
    expect(saved).toEqual([]);
  });

  it('runs another button by its action without the form’s rules: withdraw redirects, resend stays with a notice', async () => {
    const store = { names: ['Jo'], open: true };
    const { run, saved } = page(store, {
      actions: {
        withdraw: async () => {
          store.names = [];
          return '/done/?saved=withdrawn';
        },
        resend: async () => ({ ok: true, notice: 'resent' }),
      },
    });
    const withdrawn = (await run(post({ action: 'withdraw' }))) as Response;
    expect(withdrawn.status).toBe(303);
    expect(withdrawn.headers.get('Location')).toBe('/done/?saved=withdrawn');
    expect(store.names).toEqual([]);
    const resent = shown(await run(post({ action: 'resend' })));
    expect(resent.notice).toBe('resent');
    expect(resent.errors).toEqual([]);
    // An action the page does not have is the form itself.
    expect(shown(await run(post({ action: 'save', name: '' }))).errors[0]?.field).toBe('name');
    expect(saved).toEqual([]);
  });

  it('reads the body with the page’s own reader (an upload): its problems join the form’s, and nothing is saved', async () => {
    // As the upload page does: the file is checked as it arrives, the text fields come with it.
    const reader = (fileProblem: string | null) => async (request: Request) => {
      const fields = new URLSearchParams(await request.text());
      const form = new FormData();
      for (const [name, value] of fields) if (name !== 'file') form.append(name, value);
      const errors: { field: string; message: string }[] = fileProblem ? [{ field: 'file', message: fileProblem }] : [];
      return { form, errors };
    };
    const saved: string[] = [];
    const options = (fileProblem: string | null) => ({
      load: async () => ({}),
      schema,
      read: reader(fileProblem),
      save: async (data: { name: string }) => {
        saved.push(data.name);
        return '/done/?saved=report';
      },
    });
    const both = shown(await formPage(context(post({ name: '', file: 'x' })), options('The file is empty')));
    expect(both.errors).toEqual([
      { field: 'name', key: 'account:supporter.error.name.required', vars: { count: 1 } },
      { field: 'file', message: 'The file is empty' },
    ]);
    const fileOnly = shown(await formPage(context(post({ name: 'Sam', file: 'x' })), options('The file is empty')));
    expect(fileOnly.errors).toEqual([{ field: 'file', message: 'The file is empty' }]);
    expect(fileOnly.values).toEqual({ name: 'Sam' });
    expect(saved).toEqual([]);
    const good = (await formPage(context(post({ name: 'Sam', file: 'x' })), options(null))) as Response;
    expect(good.status).toBe(303);
    expect(saved).toEqual(['Sam']);
  });

  it('answers 404 when the page has nothing to show, or the body is not a form', async () => {
    const { run } = page({ names: [], open: true }, { load: async () => null });
    expect(((await run(get())) as Response).status).toBe(404);
    const { run: run2, saved } = page({ names: [], open: true });
    const json = new Request('https://portal.test/page/', {
      method: 'POST',
      body: '{"name":"Sam"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(((await run2(json)) as Response).status).toBe(404);
    expect(saved).toEqual([]);
  });

  it('makes a broken form body the 400 error page, not a 500', async () => {
    const { run } = page({ names: [], open: true });
    const broken = new Request('https://portal.test/page/', {
      method: 'POST',
      body: '--x\r\nbroken',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
    });
    await expect(run(broken)).rejects.toSatisfy((e) => e instanceof HttpError && e.status === 400);
  });
});
