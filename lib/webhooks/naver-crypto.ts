/**
 * The cryptography of Naver's unlink notification, exactly as
 * docs/providers.md §C11 gives it (Naver devguide §4.4.2-4.4.3):
 *
 * - key = MD5(client secret), the 16-byte digest, for both steps;
 * - `encryptUniqueId` = base64url(IV ‖ AES-128-CBC/PKCS#7(unique id)), unpadded;
 * - `signature` = base64url(HMAC-SHA256(key, "clientId=…&encryptUniqueId=…&timestamp=…")), unpadded.
 *
 * The receiver uses the checking half; the signing half serves tests and the
 * emulator, which must produce notifications as Naver does.
 *
 * @packageDocumentation
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The fields the signature covers, as received (after form decoding). */
export interface NaverSignedFields {
  readonly clientId: string;
  readonly encryptUniqueId: string;
  readonly timestamp: string;
}

/** The 16-byte key of both the encryption and the HMAC: the MD5 digest of the secret's UTF-8 bytes (§C11). */
export function naverUnlinkKey(clientSecret: string): Buffer {
  return createHash('md5').update(clientSecret, 'utf8').digest();
}

/** The exact base string: these three fields, in this order, nothing else (§C11). */
function baseString(fields: NaverSignedFields): string {
  return `clientId=${fields.clientId}&encryptUniqueId=${fields.encryptUniqueId}&timestamp=${fields.timestamp}`;
}

function mac(key: Buffer, fields: NaverSignedFields): Buffer {
  return createHmac('sha256', key).update(baseString(fields), 'utf8').digest();
}

/**
 * Decodes Base64 in either alphabet, padded or not, and only in its canonical
 * form: a value whose last character carries stray low bits (which decoders
 * silently drop) is refused, so two different strings never decode to the same
 * bytes. Returns undefined for anything else.
 */
export function decodeBase64Strict(text: string): Buffer | undefined {
  const padded = /^([A-Za-z0-9+/_-]+)(={0,2})$/.exec(text);
  if (!padded) return undefined;
  const body = padded[1]!.replace(/\+/g, '-').replace(/\//g, '_');
  const pads = padded[2]!.length;
  if (body.length % 4 === 1) return undefined;
  if (pads > 0 && (body.length + pads) % 4 !== 0) return undefined;
  const bytes = Buffer.from(body, 'base64url');
  return bytes.toString('base64url') === body ? bytes : undefined;
}

/** `signature` for these fields: base64url without padding, 43 characters (§C11). */
export function signNaverUnlink(key: Buffer, fields: NaverSignedFields): string {
  return mac(key, fields).toString('base64url');
}

/**
 * Whether `signature` is the HMAC of these fields. The decoded 32-byte MACs are
 * compared in constant time, so a padded or standard-alphabet signature is
 * accepted too (§C11).
 */
export function naverSignatureValid(key: Buffer, fields: NaverSignedFields, signature: string): boolean {
  const given = decodeBase64Strict(signature);
  const expected = mac(key, fields);
  if (given === undefined || given.length !== expected.length) return false;
  return timingSafeEqual(given, expected);
}

/**
 * Encrypts a unique id as Naver does: a fresh random IV (or the one given, for
 * test vectors), AES-128-CBC with PKCS#7 padding, base64url(IV ‖ ciphertext) unpadded.
 */
export function encryptNaverUniqueId(key: Buffer, uniqueId: string, iv: Buffer = randomBytes(16)): string {
  const cipher = createCipheriv('aes-128-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(uniqueId, 'utf8'), cipher.final()]).toString('base64url');
}

/**
 * Decrypts `encryptUniqueId`: the first 16 bytes are the IV, the rest the
 * ciphertext. Returns undefined when the value is not Base64, too short, not
 * whole blocks, badly padded, not UTF-8, or empty.
 */
export function decryptNaverUniqueId(key: Buffer, encryptUniqueId: string): string | undefined {
  const bytes = decodeBase64Strict(encryptUniqueId);
  if (bytes === undefined || bytes.length < 32 || bytes.length % 16 !== 0) return undefined;
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-128-cbc', key, bytes.subarray(0, 16));
    plain = Buffer.concat([decipher.update(bytes.subarray(16)), decipher.final()]);
  } catch {
    return undefined;
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(plain);
    return text === '' ? undefined : text;
  } catch {
    return undefined;
  }
}
