import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Just enough of S3 for the receiving function: GetObject (path style, with `Range`) on objects the test puts in.
 * There is no S3 stand-in among the project's tools; SES receiving's S3 action is what writes them on AWS.
 */
export async function startFakeS3(): Promise<{
  endpoint: string;
  put(bucket: string, key: string, body: string | Buffer): void;
  /** Every GetObject: its key and the Range it asked for. */
  gets: { key: string; range?: string }[];
  close(): Promise<void>;
}> {
  const objects = new Map<string, Buffer>();
  const gets: { key: string; range?: string }[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://s3').pathname).slice(1);
    const range = req.headers.range;
    gets.push({ key: path, ...(range ? { range } : {}) });
    const body = objects.get(path);
    if (req.method !== 'GET' || !body) {
      res.writeHead(404, { 'Content-Type': 'application/xml' });
      res.end('<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>no such key</Message></Error>');
      return;
    }
    const match = /^bytes=(\d+)-(\d+)$/.exec(range ?? '');
    if (!match) {
      res.writeHead(200, { 'Content-Length': body.length });
      res.end(body);
      return;
    }
    const start = Number(match[1]);
    const end = Math.min(Number(match[2]), body.length - 1);
    res.writeHead(206, { 'Content-Range': `bytes ${start}-${end}/${body.length}`, 'Content-Length': end - start + 1 });
    res.end(body.subarray(start, end + 1));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    put: (bucket, key, body) => objects.set(`${bucket}/${key}`, Buffer.from(body)),
    gets,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
