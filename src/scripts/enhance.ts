// Progressive enhancement only: every page reads and works without this file.
import { Button, ErrorSummary, ExitThisPage, SkipLink, createAll } from 'govuk-frontend';

document.body.classList.add('govuk-frontend-supported');
createAll(SkipLink);
createAll(Button);
createAll(ExitThisPage);
// Moves focus to a form's error summary when the page shows one.
createAll(ErrorSummary);
