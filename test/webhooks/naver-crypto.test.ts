// Naver's unlink cryptography against the two test vectors of docs/providers.md §C11
// (computed from the documented algorithm, re-checked with Python and OpenSSL).
import { expect } from 'chai';
import {
  decodeBase64Strict,
  decryptNaverUniqueId,
  encryptNaverUniqueId,
  naverSignatureValid,
  naverUnlinkKey,
  signNaverUnlink,
} from '../../lib/webhooks/naver-crypto.js';
import { VECTOR_CLIENT_ID, VECTOR_SECRET, VECTOR_TIMESTAMP, VECTORS } from './vectors.js';

describe('Naver unlink cryptography (§C11 test vectors)', () => {
  const key = naverUnlinkKey(VECTOR_SECRET);

  it('derives the key as the MD5 digest of the secret', () => {
    expect(key.toString('hex')).to.equal('eac93efea82019df196aed75e2a29fa1');
  });

  for (const v of VECTORS) {
    const fields = { clientId: VECTOR_CLIENT_ID, encryptUniqueId: v.encryptUniqueId, timestamp: VECTOR_TIMESTAMP };

    it(`${v.name}: decrypts encryptUniqueId to the documented id`, () => {
      expect(decryptNaverUniqueId(key, v.encryptUniqueId)).to.equal(v.uniqueId);
    });

    it(`${v.name}: encrypts the id with the documented IV to the documented value`, () => {
      expect(encryptNaverUniqueId(key, v.uniqueId, Buffer.from(v.iv, 'hex'))).to.equal(v.encryptUniqueId);
    });

    it(`${v.name}: signs the documented base string to the documented signature, and verifies it`, () => {
      expect(signNaverUnlink(key, fields)).to.equal(v.signature);
      expect(naverSignatureValid(key, fields, v.signature)).to.equal(true);
    });

    it(`${v.name}: verifies the signature padded and in the standard alphabet`, () => {
      const standard = Buffer.from(v.signature, 'base64url').toString('base64');
      expect(standard).to.match(/=$/);
      expect(naverSignatureValid(key, fields, standard)).to.equal(true);
      expect(naverSignatureValid(key, fields, `${v.signature}=`)).to.equal(true);
    });

    it(`${v.name}: refuses the signature under another secret`, () => {
      expect(naverSignatureValid(naverUnlinkKey(`${VECTOR_SECRET}x`), fields, v.signature)).to.equal(false);
    });
  }

  it('decrypts the standard-alphabet, padded form of vector 2 too', () => {
    const standard = '8OHSw7Sllod4aVpLPC0eD1RjVJ+VGd33+J4fZElcpqQUGrDGc7O2lIOwPudStsnA9gZf0AcLpeQ/XfrTvm3eng==';
    expect(decryptNaverUniqueId(key, standard)).to.equal('Xr7kQ2mN9pL4vT8wZ1yB6cD3fG5hJ0aE');
  });

  it('decodes Base64 only in canonical form: stray bits in the last character are refused', () => {
    const sig = VECTORS[0].signature; // ends in 'E': the low 2 bits of its last character carry no data
    expect(decodeBase64Strict(sig)).to.have.length(32);
    expect(Buffer.from(`${sig.slice(0, -1)}F`, 'base64url').equals(Buffer.from(sig, 'base64url'))).to.equal(true); // what a lax decoder does
    expect(decodeBase64Strict(`${sig.slice(0, -1)}F`)).to.equal(undefined);
    expect(decodeBase64Strict(`${sig}==`)).to.equal(undefined); // wrong amount of padding
    expect(decodeBase64Strict(`${sig.slice(0, 10)}.${sig.slice(11)}`)).to.equal(undefined);
    expect(decodeBase64Strict('A')).to.equal(undefined);
  });

  it('refuses to decrypt values that are too short, not whole blocks, or badly padded', () => {
    const whole = Buffer.from(VECTORS[0].encryptUniqueId, 'base64url');
    expect(decryptNaverUniqueId(key, whole.subarray(0, 16).toString('base64url'))).to.equal(undefined); // IV only
    expect(decryptNaverUniqueId(key, whole.subarray(0, 40).toString('base64url'))).to.equal(undefined); // not whole blocks
    expect(decryptNaverUniqueId(naverUnlinkKey('another secret'), VECTORS[0].encryptUniqueId)).to.equal(undefined); // padding fails (with overwhelming likelihood)
  });
}); // Naver unlink cryptography
