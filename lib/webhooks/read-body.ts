/**
 * Reading a notification's body from the request stream when no body parser
 * has done so, with a size cap: both providers send a handful of short
 * parameters, so anything large is not a notification.
 *
 * @packageDocumentation
 */
import type { IncomingMessage } from 'node:http';
import type { UnlinkRefusal } from './types.js';

/** The largest body a receiver reads: 16 KiB, far above the few hundred bytes a notification has. */
export const MAX_BODY_BYTES = 16 * 1024;

/** The raw body (empty when there is none), or why it was not read. */
export type BodyResult = { readonly ok: true; readonly raw: Buffer | undefined } | UnlinkRefusal;

const tooLarge: UnlinkRefusal = { ok: false, status: 413, reason: 'The body is larger than a notification can be (16 KiB).' };

/**
 * Whether the body is still in the stream: no body parser read it. A parser
 * that ran has consumed the stream (and left `req.body`); one that skipped the
 * request (another content type) has not.
 */
export function bodyUnread(req: IncomingMessage): boolean {
  return !req.readableEnded && !req.destroyed && req.readableFlowing !== true;
}

/**
 * Reads the rest of the request stream, up to {@link MAX_BODY_BYTES}.
 * Compressed bodies are refused (415): neither provider compresses them.
 */
export function readBody(req: IncomingMessage): Promise<BodyResult> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity') return Promise.resolve({ ok: false, status: 415, reason: 'The body is compressed; send it uncompressed.' });
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return Promise.resolve(tooLarge);

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyResult): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onFail);
      req.off('close', onFail);
      if (!result.ok) req.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return finish(tooLarge);
      chunks.push(chunk);
    };
    const onEnd = (): void => finish({ ok: true, raw: size === 0 ? undefined : Buffer.concat(chunks, size) });
    const onFail = (): void => finish({ ok: false, status: 400, reason: 'The request body did not arrive whole.' });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onFail);
    req.on('close', onFail);
  });
}
