import { parseArgs } from 'node:util';
import { readConfig } from '~/server/config';
import { migrate, openConfiguredDb } from '~/server/db/client';
import { createReportStore, reportStoreKind } from '~/server/storage';
import { newKeySetting } from '~/server/storage/encryption';

/**
 * `npm run reports:new-key -- --id 2027-01`: prints a new key in the form
 * REPORT_KEYS takes. Put it first in REPORT_KEYS (the old key after it) in
 * every process, restart them, then rotate.
 */
export function newReportKey(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { id: { type: 'string' } }, strict: true });
  const id = values.id ?? new Date().toISOString().slice(0, 10);
  try {
    console.log(newKeySetting(id));
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  return 0;
}

/**
 * `npm run reports:rotate-keys`: seals every report file not yet under the
 * current key (the first in REPORT_KEYS) with it, in whichever store
 * REPORT_STORE names, including files stored before encryption. Safe to run
 * while the portal is serving, and again after a failure: files already
 * under the current key are left alone. Once it reports no failures, the old
 * keys can be taken out of REPORT_KEYS.
 */
export async function rotateReportKeys(argv: string[]): Promise<number> {
  parseArgs({ args: argv, options: {}, strict: true });
  const config = readConfig();
  const db = openConfiguredDb(config);
  try {
    await migrate(db);
    const store = createReportStore(config, db);
    console.log(`Rotating report keys in the ${reportStoreKind(config)} store (${store.inner.name}).`);
    const result = await store.rotate((key, outcome) => {
      if (outcome === 'resealed') console.log(`  sealed again: ${key}`);
    });
    console.log(
      `${result.resealed} sealed again with the current key, ${result.current} already under it, ${result.failed} could not be read.`,
    );
    for (const problem of result.problems) console.error(`  ${problem}`);
    return result.failed ? 1 : 0;
  } finally {
    await db.close();
  }
}
