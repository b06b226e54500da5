import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ServerConfig } from '~/server/config';
import type { Db } from '~/server/db/client';
import { databaseReportStore } from './database';
import { newKeySetting, parseKeyRing, type KeyRing } from './encryption';
import { localReportStore } from './local';
import type { ByteStore } from './report-store';
import { s3ReportStore } from './s3';
import { sealedReportStore, type SealedReportStore } from './sealed';

export type { ReportStore, StoredFile } from './report-store';
export type { SealedReportStore } from './sealed';

/** Which store REPORT_STORE names (its default: PostgreSQL when DATABASE_URL is set, else the local folder). */
export function reportStoreKind(config: ServerConfig): 'local' | 'postgres' | 's3' {
  return config.REPORT_STORE ?? (config.DATABASE_URL ? 'postgres' : 'local');
}

/** The byte store the settings name, before encryption. */
export function byteStore(config: ServerConfig, db: Db): ByteStore {
  const kind = reportStoreKind(config);
  if (kind === 'postgres') return databaseReportStore(db.db);
  if (kind === 's3') {
    if (!config.S3_BUCKET) throw new Error('REPORT_STORE=s3 needs S3_BUCKET');
    return s3ReportStore({
      bucket: config.S3_BUCKET,
      endpoint: config.S3_ENDPOINT,
      region: config.S3_REGION,
      accessKeyId: config.S3_ACCESS_KEY_ID,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY,
      forcePathStyle: config.S3_FORCE_PATH_STYLE === '1',
      prefix: config.S3_PREFIX,
    });
  }
  return localReportStore(config.REPORTS_DIR);
}

/**
 * The keys that seal report files: REPORT_KEYS when set (required in
 * production, and the same in every process). Otherwise, for the embedded
 * mode only, one key kept in REPORT_KEY_FILE, made on first use (readable by
 * this user only) — so a copy of the reports alone cannot be read.
 */
export async function loadKeyRing(config: ServerConfig): Promise<KeyRing> {
  if (config.REPORT_KEYS) return parseKeyRing(config.REPORT_KEYS);
  const file = config.REPORT_KEY_FILE;
  try {
    return parseKeyRing(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dirname(file), { recursive: true });
  // Written whole beside it, then linked into place: a process starting at the same moment
  // finds no key file or a complete one, and the first link wins.
  const temporary = `${file}.${randomUUID()}.part`;
  await writeFile(temporary, `${newKeySetting('local-1')}\n`, { flag: 'wx', mode: 0o600 });
  try {
    await link(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(temporary, { force: true });
  }
  return parseKeyRing(await readFile(file, 'utf8'));
}

/** The report store the settings name, encrypted at rest. */
export function createReportStore(config: ServerConfig, db: Db): SealedReportStore {
  let ring: Promise<KeyRing> | undefined;
  return sealedReportStore(
    byteStore(config, db),
    () =>
      (ring ??= loadKeyRing(config).catch((error: unknown) => {
        ring = undefined;
        throw error;
      })),
  );
}
