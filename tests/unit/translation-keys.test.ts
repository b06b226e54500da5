import { describe, expect, expectTypeOf, it } from 'vitest';
import { NAMESPACES, getT } from '~/i18n';
import { TYPED_NAMESPACES, type TranslationKey, type Translator } from '~/i18n/keys';

describe('translation keys checked by the compiler', () => {
  it('types every English namespace, so a key in a new file is checked too', () => {
    expect(Object.keys(TYPED_NAMESPACES).sort()).toEqual([...NAMESPACES].sort());
  });

  it('takes the keys English has, a plural by its base name, and refuses others', () => {
    // `npm run check` (astro check) type-checks this file: each @ts-expect-error
    // fails the check if the line below it stops being an error.
    const t: Translator = getT('en');
    expect(t('footer.phone')).not.toBe('footer.phone');
    expect(t('account:conference.reports', { count: 2 })).toContain('2 reports');
    expect(t('account:conference.reports_one', { count: 1 })).toContain('1 report');
    // @ts-expect-error: a mistyped key
    expect(t('account:conferenc.reports', { count: 2 })).toBe('conferenc.reports');
    // @ts-expect-error: a key without its namespace is looked up in "common" only
    expectTypeOf<'conference.reports'>().toExtend<TranslationKey>();
    expectTypeOf<'staff:team.role.admin'>().toExtend<TranslationKey>();
    expectTypeOf<string>().not.toExtend<TranslationKey>();
  });
});
