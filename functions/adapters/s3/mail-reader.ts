import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';

/** Reads the messages SES receiving stored in S3; at most `maxBytes` of each is ever downloaded. */
export class S3MailReader {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly maxBytes: number,
  ) {}

  /** A reader with the default client (region and endpoint from the environment). */
  static create(bucket: string, maxBytes: number): S3MailReader {
    return new S3MailReader(new S3Client({}), bucket, maxBytes);
  }

  /** The message under `key`, cut at the limit: `oversized` when the object is larger than that. */
  async read(key: string): Promise<{ raw: Buffer; oversized: boolean }> {
    const out = await this.client.send(
      new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=0-${this.maxBytes}` }),
    );
    const raw = Buffer.from((await out.Body?.transformToByteArray()) ?? []);
    // `Content-Range: bytes 0-N/TOTAL`; without it (a small object sent whole) the length tells.
    const total = Number(/\/(\d+)$/.exec(out.ContentRange ?? '')?.[1] ?? raw.length);
    return { raw: raw.subarray(0, this.maxBytes), oversized: total > this.maxBytes };
  }
}
