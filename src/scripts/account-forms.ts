// Progressive enhancement for the parent area's forms only: the success banner
// takes focus and the character count counts as the reader types. (The error
// summary is started by enhance.ts, on every page.) Every form works the same
// without this file.
import { CharacterCount, NotificationBanner, createAll } from 'govuk-frontend';

// This script sits inside the page, so it runs before the layout's enhance.ts
// (modules run in document order): it marks the page as supported itself, or
// govuk-frontend refuses to start the character count.
document.body.classList.add('govuk-frontend-supported');
createAll(NotificationBanner);
createAll(CharacterCount);
