import { describe, it, expect } from 'vitest';
import { getAuthority } from '~/config/authorities';
import type { Authority } from '~/config/authority-schema';
import { deadlineLabels, undatedSentence } from '~/components/staff/deadline-labels';

describe('the staff conference page names the supporter deadline from the council profile', () => {
  it("Kingston's leaflet says to talk to the social worker, and sets no date", () => {
    const kingston = getAuthority('kingston');
    expect(deadlineLabels(kingston).supporter).toBe('Last day to tell the social worker about a supporter');
    expect(undatedSentence(kingston, 'initial')).toContain(
      'Kingston has not set a date for: reports to reach parents by; last day to tell the social worker about a supporter.',
    );
  });

  it("Redbridge's leaflet says to tell the chair, and sets a date (so it is not listed as undated)", () => {
    const redbridge = getAuthority('redbridge');
    expect(deadlineLabels(redbridge).supporter).toBe('Last day to tell the chair about a supporter');
    expect(undatedSentence(redbridge, 'initial')).not.toContain('supporter');
  });

  it('a council whose leaflet names nobody: either the chair or the social worker, and no date', () => {
    const barnsley = getAuthority('barnsley');
    expect(deadlineLabels(barnsley).supporter).toBe(
      'Last day to tell the chair or the social worker about a supporter',
    );
    expect(undatedSentence(barnsley, 'initial')).toContain('last day to tell the chair or the social worker');
  });

  it('follows the profile, not the council: Kingston with the chair named says the chair', () => {
    const kingston = getAuthority('kingston');
    const changed: Authority = {
      ...kingston,
      rules: { ...kingston.rules, supporterTell: { source: 'council', value: 'chair', note: 'a test setting' } },
    };
    expect(deadlineLabels(changed).supporter).toBe('Last day to tell the chair about a supporter');
  });
});
