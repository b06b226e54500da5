import { authorityIds, DEFAULT_AUTHORITY } from '~/config/authorities';
import { buildChangedCopy } from './changed-copy';
import { buildProject, copyProject, inParallel } from './project-copy';

/**
 * Builds the portal for every council, and a copy of the project in which the
 * English has moved on (changed-copy.ts), before the build tests read them.
 * The default council is built into dist/, the build the browser tests then
 * serve (npm test builds once); each other council in a copy of the project
 * of its own (.builds/<id>), so two builds run at once, one per core.
 */
export default async function setup() {
  await inParallel(
    [
      () => buildProject('.', DEFAULT_AUTHORITY),
      ...authorityIds
        .filter((id) => id !== DEFAULT_AUTHORITY)
        .map((id) => async () => {
          copyProject(`.builds/${id}`);
          await buildProject(`.builds/${id}`, id);
        }),
      buildChangedCopy,
    ],
    2,
  );
}
