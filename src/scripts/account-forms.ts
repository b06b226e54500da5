// Progressive enhancement for the parent area's forms only: the success banner
// takes focus and the character count counts as the reader types. (The error
// summary is started by enhance.ts, on every page.) Every form works the same
// without this file.
import { CharacterCount, NotificationBanner, createAll } from 'govuk-frontend';

createAll(NotificationBanner);
createAll(CharacterCount);
