/**
 * The two Naver unlink test vectors of docs/providers.md §C11, computed for the
 * fact sheet from the documented algorithm (not Naver output). They reuse the
 * sample Client ID and secret of Naver's API documentation.
 */
export const VECTOR_CLIENT_ID = 'jyvqXeaVOVmV';
export const VECTOR_SECRET = '527300A0_COq1_XV33cf';
export const VECTOR_TIMESTAMP = '1693877406';
export const VECTORS = [
  {
    name: 'vector 1',
    uniqueId: 'abcdefgABCDEFG1234567',
    iv: '000102030405060708090a0b0c0d0e0f',
    encryptUniqueId: 'AAECAwQFBgcICQoLDA0OD9Z_ALRKpLo6RxVMc6_yE3BMb1XfL_jZwoU5oUULBM-U',
    signature: 'VFb3hSc4mzoS8YmgGZKCZT7yw7JBWwYDtukM5ovPArE',
  },
  {
    name: 'vector 2',
    uniqueId: 'Xr7kQ2mN9pL4vT8wZ1yB6cD3fG5hJ0aE',
    iv: 'f0e1d2c3b4a5968778695a4b3c2d1e0f',
    encryptUniqueId: '8OHSw7Sllod4aVpLPC0eD1RjVJ-VGd33-J4fZElcpqQUGrDGc7O2lIOwPudStsnA9gZf0AcLpeQ_XfrTvm3eng',
    signature: 'DuIDrGUdxBhY4H8QwPv8dYGIvctNaH8PVnUfmpeze0U',
  },
] as const;
