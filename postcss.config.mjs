import rtlcss from 'postcss-rtlcss';
import unusedGovuk from './scripts/css/unused-govuk.mjs';

export default {
  plugins: [
    // The public pages' stylesheet keeps only the govuk-frontend classes the
    // portal uses (see scripts/css/unused-govuk.mjs): every guidance page
    // reads it before it can show anything.
    unusedGovuk({ only: /src\/styles\/main\.scss/ }),
    // govuk-frontend is written left-to-right. postcss-rtlcss adds [dir="rtl"]
    // overrides for every directional rule, so Arabic and Urdu pages mirror.
    rtlcss({ mode: 'combined' }),
  ],
};
