import rtlcss from 'postcss-rtlcss';

// govuk-frontend is written left-to-right. postcss-rtlcss adds [dir="rtl"]
// overrides for every directional rule, so Arabic and Urdu pages mirror.
export default {
  plugins: [rtlcss({ mode: 'combined' })],
};
