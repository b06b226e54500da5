// A local S3-protocol server for the tests (s3rver: the S3 REST API over a
// temporary folder, on 127.0.0.1 and a port of its own), so the S3 report
// store is tested through the real AWS SDK, multipart uploads included.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { s3Client, type S3Settings } from '~/server/storage/s3';

export interface LocalS3 {
  settings: S3Settings;
  /** The same settings as environment variables (for a server process). */
  env: Record<string, string>;
  /** Where the server keeps the bucket's objects on disk. */
  directory: string;
  close(): Promise<void>;
}

/** Starts a local S3 server with one empty bucket. */
export async function startLocalS3(bucket = 'reports'): Promise<LocalS3> {
  const directory = await mkdtemp(join(tmpdir(), 'portal-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', directory, silent: true });
  const { port } = await server.run();
  const settings: S3Settings = {
    bucket,
    endpoint: `http://127.0.0.1:${port}`,
    region: 'eu-west-2',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
    prefix: 'reports/',
  };
  const client = s3Client(settings);
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  client.destroy();
  return {
    settings,
    directory,
    env: {
      REPORT_STORE: 's3',
      S3_BUCKET: bucket,
      S3_ENDPOINT: settings.endpoint ?? '',
      S3_REGION: settings.region,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: '1',
      S3_PREFIX: settings.prefix,
    },
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
