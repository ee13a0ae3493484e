// The error catalogue (lib/error-catalog.ts): every code of docs/providers.md §C6
// (and §A2/§A3/§A5, §C2, §C8, §C12) maps to the category the fact sheet gives;
// describeError explains every catalogue entry in English and Korean, reaches
// each entry from the error objects the package really throws, names the scopes
// of a -402, never copies an error's message, and never throws. The README
// tables in docs/readme/errors*.md are generated from the same data
// (UPDATE_ERROR_DOCS=1 rewrites them).
import { readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'chai';
import fc from 'fast-check';
import { AuthorizationError, InternalOAuthError, TokenError } from 'passport-oauth2';
import {
  callbackErrorCategory,
  describeError,
  errorCatalog,
  idTokenErrorCategory,
  kakaoApiErrorCategory,
  kakaoTokenErrorCategory,
  naverApiErrorCategory,
  naverTokenErrorCategory,
  requestErrorCategory,
  type CatalogEntry,
  type ErrorCategory,
  type ErrorSource,
} from '../../lib/error-catalog.js';
import { IdTokenError, KakaoAPIError, KakaoTokenError, NaverAPIError, NaverTokenError, ProviderRequestError } from '../../lib/errors.js';

const CATEGORIES: readonly ErrorCategory[] = ['retry', 'login', 'config', 'consent'];
const LANGS = ['en', 'ko'] as const;

// ---------------------------------------------------------------------------
// The fact sheet's tables, transcribed here on their own (not read from the catalogue).

/** §C6.3, the KOE table. */
const KOE: ReadonlyArray<readonly [string, ErrorCategory]> = [
  ['KOE001', 'config'], ['KOE002', 'config'], ['KOE003', 'retry'], ['KOE004', 'config'], ['KOE005', 'config'],
  ['KOE006', 'config'], ['KOE007', 'config'], ['KOE008', 'config'], ['KOE009', 'config'], ['KOE010', 'config'],
  ['KOE023', 'config'], ['KOE101', 'config'], ['KOE102', 'config'], ['KOE201', 'config'], ['KOE202', 'config'],
  ['KOE203', 'consent'], ['KOE204', 'config'], ['KOE205', 'config'], ['KOE207', 'config'], ['KOE237', 'retry'],
  ['KOE303', 'config'], ['KOE310', 'config'], ['KOE319', 'config'], ['KOE320', 'login'], ['KOE322', 'login'],
  ['KOE400', 'login'],
];

/** §C6.4, every row that gives a category. */
const KAKAO_API: ReadonlyArray<readonly [number, ErrorCategory]> = [
  [-1, 'retry'], [-2, 'config'], [-3, 'config'], [-4, 'login'], [-5, 'config'], [-6, 'config'], [-7, 'retry'],
  [-8, 'config'], [-9, 'config'], [-10, 'retry'], [-11, 'config'], [-12, 'config'], [-101, 'login'], [-103, 'login'],
  [-201, 'config'], [-301, 'config'], [-401, 'login'], [-402, 'consent'], [-403, 'config'], [-405, 'consent'],
  [-406, 'consent'], [-501, 'config'], [-903, 'config'], [-9798, 'retry'],
];
/** §C6.4 rows without a category ("treat as success"; image uploads "not login"): the catalogue's choice. */
const KAKAO_API_CHOSEN: ReadonlyArray<readonly [number, ErrorCategory]> = [
  [-102, 'config'], [-602, 'config'], [-603, 'retry'], [-606, 'config'], [-911, 'config'],
];

/** §C6.1 token rows and the revoke paragraph: [error, description, HTTP status, category]. */
const NAVER_TOKEN: ReadonlyArray<readonly [string, string | undefined, number | undefined, ErrorCategory]> = [
  ['invalid_request', 'no valid data in session', 200, 'login'],
  ['invalid_request', 'wrong client id / client secret pair', 200, 'config'],
  ['invalid_request', 'service_provider is missing', 200, 'config'],
  ['invalid_request', undefined, 200, 'config'],
  ['unauthorized_client', undefined, undefined, 'login'],
  ['unsupported_response_type', undefined, undefined, 'config'],
  ['server_error', undefined, undefined, 'retry'],
  ['temporarily_unavailable', undefined, 503, 'retry'],
  ['invalid_request', 'invalid refresh_token', 200, 'login'],
  ['invalid_client', undefined, 401, 'config'],
  // Revoke (§C6.1): 400 invalid_request, 401 unauthorized_client, 503 temporarily_unavailable.
  ['invalid_request', undefined, 400, 'config'],
  ['unauthorized_client', 'Client authentication failed.', 401, 'config'],
  ['unauthorized_client', undefined, 401, 'config'],
  ['temporarily_unavailable', undefined, 503, 'retry'],
];

/** §C6.2: [resultcode or gateway errorCode, HTTP status, category]. */
const NAVER_API: ReadonlyArray<readonly [string, number, ErrorCategory]> = [
  ['024', 401, 'login'], ['024', 200, 'login'], ['028', 401, 'config'], ['403', 403, 'config'], ['404', 404, 'config'],
  ['500', 500, 'retry'],
  // Gateway shape: 401 config, 429 retry.
  ['SE01', 429, 'retry'], ['SE01', 401, 'config'], ['010', 429, 'retry'], ['SE99', 503, 'retry'],
];

/** §A2, §B2, §C6.1, §C6.3: [provider, error, description, category]. */
const CALLBACK: ReadonlyArray<readonly ['naver' | 'kakao', string, string | undefined, ErrorCategory]> = [
  ['naver', 'access_denied', 'Canceled By User', 'consent'],
  ['naver', 'access_denied', 'user not logged in.', 'login'],
  ['naver', 'access_denied', 'need user consent.', 'login'],
  ['naver', 'access_denied', 'unsupported browser environment.', 'login'],
  ['naver', 'invalid_request', undefined, 'config'],
  ['naver', 'unauthorized_client', undefined, 'config'],
  ['naver', 'unsupported_response_type', undefined, 'config'],
  ['naver', 'something_new', 'whatever', 'config'],
  ['kakao', 'access_denied', 'User denied access', 'consent'],
  ['kakao', 'access_denied', 'Not allowed under age 14', 'consent'],
  ['kakao', 'consent_required', 'user consent required.', 'consent'],
  ['kakao', 'login_required', undefined, 'login'],
  ['kakao', 'interaction_required', undefined, 'login'],
  ['kakao', 'invalid_scope', undefined, 'config'],
];

/** CONTRACT.md's examples per category (transport and ID token codes included). */
const CONTRACT_TRANSPORT: ReadonlyArray<readonly [string, number | undefined, ErrorCategory]> = [
  ['ETIMEDOUT', undefined, 'retry'], ['ECONNRESET', undefined, 'retry'], ['ECONNREFUSED', undefined, 'retry'],
  ['ERESPONSETOOLARGE', 200, 'retry'], ['EBADRESPONSE', 500, 'retry'], ['EBADRESPONSE', 503, 'retry'],
  ['EBADRESPONSE', 429, 'retry'], ['EBADRESPONSE', 200, 'retry'], ['EBADRESPONSE', undefined, 'retry'],
  ['EBADRESPONSE', 400, 'config'], ['EBADRESPONSE', 404, 'config'], ['EBADRESPONSE', 302, 'config'],
  ['EREQUEST', undefined, 'config'], ['ESOMETHINGNEW', undefined, 'retry'],
];
const CONTRACT_ID_TOKEN: ReadonlyArray<readonly [string, ErrorCategory]> = [
  ['ERR_JWT_EXPIRED', 'login'], ['ERR_NONCE_MISMATCH', 'login'], ['ERR_JWS_SIGNATURE_VERIFICATION_FAILED', 'login'],
  ['ERR_SUB_MISMATCH', 'login'], ['ERR_ID_TOKEN_MISSING', 'config'], ['ERR_JWT_CLAIM_VALIDATION_FAILED', 'config'],
  ['ERR_AZP_MISMATCH', 'config'], ['ERR_JWKS_NO_MATCHING_KEY', 'retry'], ['ERR_JWKS_TIMEOUT', 'retry'],
];

describe('error catalogue: categories', () => {
  describe('Kakao KOE codes (§C6.3)', () => {
    for (const [code, category] of KOE) {
      it(`${code} is ${category}`, () => {
        expect(kakaoTokenErrorCategory(code, 'invalid_grant')).to.equal(category);
        expect(new KakaoTokenError('x', 'invalid_request', 400, code).category).to.equal(category);
        expect(describeError(code).category).to.equal(category);
      });
    }
    it('an unknown KOE code is config, whatever the OAuth error', () => {
      expect(kakaoTokenErrorCategory('KOE999', 'invalid_grant')).to.equal('config');
      expect(kakaoTokenErrorCategory('KOE998', 'server_error')).to.equal('config');
    });
    it('without a KOE code the OAuth error decides', () => {
      expect(kakaoTokenErrorCategory(undefined, 'invalid_grant')).to.equal('login');
      expect(kakaoTokenErrorCategory(undefined, 'invalid_client')).to.equal('config');
      expect(kakaoTokenErrorCategory(undefined, 'server_error')).to.equal('retry');
      expect(kakaoTokenErrorCategory(undefined, 'never_heard_of')).to.equal('config');
    });
  });

  describe('Kakao API codes (§C6.4)', () => {
    for (const [code, category] of [...KAKAO_API, ...KAKAO_API_CHOSEN]) {
      it(`${code} is ${category}`, () => {
        expect(kakaoApiErrorCategory(code)).to.equal(category);
        expect(new KakaoAPIError('x', code, 400).category).to.equal(category);
        expect(describeError(code).category).to.equal(category);
      });
    }
    it('a code not listed is config', () => expect(kakaoApiErrorCategory(-77777)).to.equal('config'));
  });

  describe('Naver token and revoke errors (§C6.1)', () => {
    for (const [error, description, status, category] of NAVER_TOKEN) {
      it(`${error} "${description ?? ''}" (HTTP ${status ?? '-'}) is ${category}`, () => {
        expect(naverTokenErrorCategory(error, description, status)).to.equal(category);
        if (status === undefined || status !== 401) expect(naverTokenErrorCategory(error, description)).to.equal(category);
        const described = describeError(new NaverTokenError(description ?? error, error, status === undefined || status === 200 ? 400 : status));
        expect(described.category).to.equal(category);
        expect(described.code).to.equal(error);
      });
    }
    it("matches Naver's descriptions whatever their case and spaces", () => {
      expect(naverTokenErrorCategory('invalid_request', ' No Valid Data In Session ')).to.equal('login');
    });
  });

  describe('Naver API errors (§C6.2)', () => {
    for (const [code, status, category] of NAVER_API) {
      it(`${code} with HTTP ${status} is ${category}`, () => {
        expect(naverApiErrorCategory(code, status)).to.equal(category);
        expect(new NaverAPIError('x', code, status).category).to.equal(category);
      });
    }
  });

  describe('callback errors (§A2, §B2, §C6.1, §C6.3)', () => {
    for (const [provider, error, description, category] of CALLBACK) {
      it(`${provider} ${error} "${description ?? ''}" is ${category}`, () => {
        expect(callbackErrorCategory(provider, error, description)).to.equal(category);
        expect(describeError({ message: description ?? error, code: error, category, provider }).category).to.equal(category);
      });
    }
    it("Naver's cancel arrives as Canceled+By+User and is decoded: any case matches", () => {
      expect(callbackErrorCategory('naver', 'access_denied', 'canceled by user')).to.equal('consent');
    });
    it('an access_denied with another description is consent (the user declined)', () => {
      expect(callbackErrorCategory('naver', 'access_denied', 'something else')).to.equal('consent');
      expect(callbackErrorCategory('kakao', 'access_denied')).to.equal('consent');
    });
  });

  describe('transport and ID token codes (CONTRACT.md)', () => {
    for (const [code, status, category] of CONTRACT_TRANSPORT) {
      it(`${code} with HTTP ${status ?? '-'} is ${category}`, () => {
        expect(requestErrorCategory(code, status)).to.equal(category);
        expect(new ProviderRequestError('x', code, status, 'kakao').category).to.equal(category);
      });
    }
    for (const [code, category] of CONTRACT_ID_TOKEN) {
      it(`${code} is ${category}`, () => {
        expect(idTokenErrorCategory(code)).to.equal(category);
        expect(new IdTokenError('x', code, 'naver').category).to.equal(category);
      });
    }
    it('an unknown ID token code is login', () => expect(idTokenErrorCategory('ERR_SOMETHING_NEW')).to.equal('login'));
  });

  it("this package's failure codes: invalid_state login, invalid_request config, consent_required consent", () => {
    expect(describeError({ message: 'x', code: 'invalid_state', category: 'login', provider: 'naver' }).category).to.equal('login');
    expect(describeError({ message: 'x', code: 'invalid_request', category: 'config', provider: 'kakao' }).category).to.equal('config');
    expect(describeError({ message: 'x', code: 'consent_required', category: 'consent', provider: 'naver', missing: ['email'] }).category).to.equal('consent');
  });
});

// ---------------------------------------------------------------------------
// describeError

const LEAK = 'authorization code not found for code=SECRETCODE123 with AAAAQosjWDJieBiQZc3to9YQp6HDLvrmyKC+6+iZ3gq7qrkqf50ljZC+Lgoqrg';
const LEAK_PARTS = ['SECRETCODE123', 'AAAAQosjWDJieBiQZc3to9YQp6HDLvrmyKC', 'Lgoqrg'];

/** A status of the entry's HTTP class (`'4xx'` → 400, ...). */
function statusFor(entry: CatalogEntry): number | undefined {
  const byClass: Record<string, number> = { '2xx': 200, '3xx': 302, '4xx': 404, '429': 429, '5xx': 502 };
  return entry.when === undefined ? undefined : byClass[entry.when];
}

/** The error object the package would produce for an entry (`'*'` entries get a code the catalogue does not list). */
function inputFor(entry: CatalogEntry): { input: unknown; code: string } {
  const star = entry.code === '*';
  const description = entry.when ?? 'a description the catalogue does not know';
  const oauthCode = star ? 'brand_new_error' : entry.code;
  const builders: Record<ErrorSource, () => { input: unknown; code: string }> = {
    'kakao-token': () => ({ input: new KakaoTokenError(LEAK, 'invalid_grant', 400, star ? 'KOE998' : entry.code), code: star ? 'KOE998' : entry.code }),
    'kakao-api': () => ({ input: new KakaoAPIError(LEAK, star ? -77777 : Number(entry.code), 400), code: star ? '-77777' : entry.code }),
    'kakao-callback': () => ({ input: { message: description, code: oauthCode, category: callbackErrorCategory('kakao', oauthCode, description), provider: 'kakao' }, code: oauthCode }),
    'naver-callback': () => ({ input: { message: description, code: oauthCode, category: callbackErrorCategory('naver', oauthCode, description), provider: 'naver' }, code: oauthCode }),
    'naver-token': () => ({ input: new NaverTokenError(description, oauthCode, entry.http === '401' ? 401 : 400), code: oauthCode }),
    'naver-api': () => ({ input: new NaverAPIError(LEAK, star ? 'XY99' : entry.code, statusFor(entry) ?? (star ? 200 : 401)), code: star ? 'XY99' : entry.code }),
    oauth: () => ({ input: new TokenError(LEAK, oauthCode), code: oauthCode }),
    failure: () => ({ input: { message: LEAK, code: entry.code, category: entry.category, provider: 'naver', missing: ['email'] }, code: entry.code }),
    request: () => ({ input: new ProviderRequestError(LEAK, star ? 'ESOMETHINGNEW' : entry.code, statusFor(entry) ?? (entry.code === 'EBADRESPONSE' ? 200 : undefined), 'naver'), code: star ? 'ESOMETHINGNEW' : entry.code }),
    'id-token': () => ({ input: new IdTokenError(LEAK, star ? 'ERR_SOMETHING_NEW' : entry.code, 'kakao'), code: star ? 'ERR_SOMETHING_NEW' : entry.code }),
  };
  return builders[entry.source]();
}

const label = (e: CatalogEntry): string => `${e.source} ${e.code}${e.when === undefined ? '' : ` (${e.when})`}`;

describe('error catalogue: describeError', () => {
  it('has one record per code and case, with a known category and words in both languages', () => {
    const keys = errorCatalog.map((e) => `${e.source}|${e.code}|${e.when ?? ''}`);
    expect(new Set(keys).size).to.equal(keys.length);
    for (const e of errorCatalog) {
      expect(CATEGORIES, label(e)).to.include(e.category);
      for (const lang of LANGS) {
        expect(e[lang].summary, label(e)).to.match(/\S/);
        expect(e[lang].fix, label(e)).to.match(/\S/);
      }
      expect(e.ko.summary, `${label(e)}: Korean summary`).to.match(/[가-힣]/);
      expect(e.ko.fix, `${label(e)}: Korean fix`).to.match(/[가-힣]/);
    }
  });

  for (const entry of errorCatalog) {
    it(`explains ${label(entry)} from the error the package produces, in English and Korean`, () => {
      const { input, code } = inputFor(entry);
      for (const lang of LANGS) {
        const d = describeError(input, lang);
        expect(d.code).to.equal(code);
        expect(d.category).to.equal(entry.category);
        expect(d.summary).to.equal(entry[lang].summary);
        expect(d.fix.startsWith(entry[lang].fix), d.fix).to.equal(true);
        for (const part of LEAK_PARTS) expect(JSON.stringify(d)).not.to.contain(part);
      }
    });
  }

  it('every listed code given alone (a string) gets words and a known category in both languages', () => {
    for (const e of errorCatalog.filter((x) => x.code !== '*')) {
      for (const lang of LANGS) {
        const d = describeError(e.code, lang);
        expect(d.code, label(e)).to.equal(e.code);
        expect(CATEGORIES).to.include(d.category);
        expect(d.summary).to.match(/\S/);
        expect(d.fix).to.match(/\S/);
      }
    }
  });

  it('names the required scopes of a -402 in both languages, leaving out anything that is not a scope ID', () => {
    const error = new KakaoAPIError('insufficient scopes.', -402, 403, { requiredScopes: ['friends', 'account_email', 'code=SECRETCODE123'], allowedScopes: ['profile'], apiType: 'FRIENDS' });
    const en = describeError(error, 'en');
    const ko = describeError(error, 'ko');
    expect(en.category).to.equal('consent');
    expect(en.fix).to.contain('friends, account_email');
    expect(ko.fix).to.contain('friends, account_email');
    expect(ko.fix).to.contain('요청할 항목');
    for (const d of [en, ko]) expect(JSON.stringify(d)).not.to.contain('SECRETCODE123');
    // Without required scopes the fix still says what to do, without an empty list.
    expect(describeError(new KakaoAPIError('insufficient scopes.', -402, 403)).fix).not.to.contain('Items to ask for');
  });

  it('names the missing items of a consent_required failure', () => {
    const d = describeError({ message: 'x', code: 'consent_required', category: 'consent', provider: 'kakao', missing: ['account_email', 'phone_number'] }, 'ko');
    expect(d.summary).to.contain('requiredItems');
    expect(d.fix).to.contain('account_email, phone_number');
    // Kakao's prompt=none answer has no missing items and is a different case.
    expect(describeError({ message: 'user consent required.', code: 'consent_required', category: 'consent', provider: 'kakao' }).summary).to.contain('prompt=none');
  });

  it("tells Naver's cancel from its auto-login failures by the description, and by the failure's category when the description is new", () => {
    const cancel = describeError({ message: 'Canceled By User', code: 'access_denied', category: 'consent', provider: 'naver' });
    const autologin = describeError({ message: 'user not logged in.', code: 'access_denied', category: 'login', provider: 'naver' });
    const newText = describeError({ message: 'some future autologin text', code: 'access_denied', category: 'login', provider: 'naver' });
    expect(cancel.category).to.equal('consent');
    expect(autologin.category).to.equal('login');
    expect(autologin.fix).to.contain('auth_type=autologin');
    expect(newText.category).to.equal('login');
  });

  it('says "a business app is needed" for account_email (KOE205) and names the consent item menu', () => {
    const en = describeError('KOE205');
    expect(en.fix).to.contain('a business app is needed');
    expect(en.fix).to.contain('[카카오 로그인] > [동의항목]');
    expect(describeError('KOE205', 'ko').fix).to.contain('비즈 앱');
  });

  it('names the Kakao console menus for the client secret and redirect URI, and Naver\'s API 설정', () => {
    expect(describeError('KOE010').fix).to.contain('[앱] > [플랫폼 키] > [REST API 키]');
    expect(describeError('KOE006', 'ko').fix).to.contain('[앱] > [플랫폼 키] > [REST API 키]');
    expect(describeError(new NaverAPIError('Forbidden', '403', 403)).fix).to.contain('API 설정');
  });

  it("never copies the error's message, code field or token-like values into its answer", () => {
    const inputs: unknown[] = [
      new KakaoTokenError(LEAK, 'invalid_grant', 400, 'KOE320'),
      new KakaoTokenError(LEAK, 'invalid_grant', 400, undefined),
      new NaverTokenError(LEAK, 'invalid_request', 400),
      new KakaoAPIError(LEAK, -401, 401),
      new NaverAPIError(LEAK, '024', 401),
      new ProviderRequestError(LEAK, 'EBADRESPONSE', 500, 'kakao'),
      new IdTokenError(LEAK, 'ERR_NONCE_MISMATCH', 'kakao'),
      new TokenError(LEAK, 'invalid_grant'),
      new AuthorizationError(LEAK, 'access_denied', undefined),
      new InternalOAuthError(LEAK, { statusCode: 500, data: LEAK }),
      new Error(LEAK),
      LEAK,
      { message: LEAK, code: 'access_denied', category: 'consent', provider: 'naver' },
      { message: LEAK, code: 'SECRETCODE123' },
      { message: LEAK, code: 'code=SECRETCODE123', provider: 'kakao' },
      { code: 'AAAAQosjWDJieBiQZc3to9YQp6HDLvrmyKC+6+iZ3gq7qrkqf50ljZC+Lgoqrg' },
      { errorCode: 'SECRETCODE123', code: 'SECRETCODE123' },
      new NaverAPIError(LEAK, 'SECRETCODE123', 401),
      new ProviderRequestError(LEAK, 'SECRETCODE123', undefined, 'naver'),
      new IdTokenError(LEAK, 'SECRETCODE123', 'naver'),
      { name: 'KakaoAPIError', code: -402, message: LEAK, requiredScopes: [LEAK, 'SECRETCODE123'] },
      { error: 'invalid_grant', error_description: LEAK },
    ];
    for (const input of inputs) {
      for (const lang of LANGS) {
        const text = JSON.stringify(describeError(input, lang));
        for (const part of LEAK_PARTS) expect(text, `${String(input)}: ${text}`).not.to.contain(part);
      }
    }
    // Unknown codes with a code's shape are shown; anything else is 'unknown'.
    expect(describeError(new NaverAPIError(LEAK, 'SECRETCODE123', 401)).code).to.equal('unknown');
    expect(describeError(new KakaoTokenError(LEAK, 'invalid_grant', 400, 'KOE998')).code).to.equal('KOE998');
  });

  it('handles unknown input, null, strings, numbers and plain objects without throwing', () => {
    const weird: unknown[] = [
      undefined, null, '', 'hello', 0, -0, NaN, Infinity, 1.5, -402.5, true, Symbol('s'), 10n, () => 1, [], ['KOE320'],
      {}, Object.create(null), { name: 'KakaoAPIError' }, { name: 'KakaoAPIError', code: '-401' }, { name: 'NaverTokenError' },
      { name: 'ProviderRequestError', code: 42 }, { name: 'IdTokenError', code: null }, { code: { toString: () => 'KOE320' } },
      { name: 'TokenError', code: 'invalid_grant', provider: 'kakao', errorCode: 'KOE320' }, { requiredScopes: 'x', missing: 5 },
      new Proxy({}, { get: () => { throw new Error('trap'); } }),
      Object.defineProperty({}, 'code', { get: () => { throw new Error('getter'); }, enumerable: true }),
    ];
    for (const input of weird) {
      for (const lang of LANGS) {
        const d = describeError(input, lang);
        expect(CATEGORIES).to.include(d.category);
        expect(d.summary).to.match(/\S/);
        expect(d.fix).to.match(/\S/);
      }
    }
    const unknown = describeError({});
    expect(unknown).to.deep.include({ code: 'unknown', category: 'retry' });
    expect(describeError(new Error('boom')).code).to.equal('unknown');
    expect(describeError('KOE320').code).to.equal('KOE320');
    expect(describeError(-401).code).to.equal('-401');
    expect(describeError({ name: 'TokenError', code: 'invalid_grant', provider: 'kakao', errorCode: 'KOE320' }).code).to.equal('KOE320');
    expect(describeError(new InternalOAuthError('Failed to obtain access token', { statusCode: 503 })).category).to.equal('retry');
  });

  it('property: never throws, always a known category, and words taken only from the catalogue', () => {
    const summaries = new Set(errorCatalog.flatMap((e) => [e.en.summary, e.ko.summary]));
    const fixes = errorCatalog.flatMap((e) => [e.en.fix, e.ko.fix]);
    const names = fc.constantFrom('KakaoTokenError', 'NaverTokenError', 'KakaoAPIError', 'NaverAPIError', 'ProviderRequestError', 'IdTokenError', 'TokenError', 'AuthorizationError', 'InternalOAuthError', 'Error');
    const codes = fc.oneof(fc.constantFrom(...errorCatalog.map((e) => e.code)), fc.string(), fc.integer(), fc.anything());
    const shaped = fc.record(
      { name: names, code: codes, errorCode: fc.oneof(fc.constantFrom('KOE320', 'KOE999'), fc.anything()), status: fc.oneof(fc.integer({ min: 0, max: 700 }), fc.anything()), provider: fc.oneof(fc.constantFrom('naver', 'kakao'), fc.anything()), category: fc.oneof(fc.constantFrom(...CATEGORIES), fc.anything()), message: fc.oneof(fc.constant(LEAK), fc.string(), fc.anything()), requiredScopes: fc.anything(), missing: fc.anything(), oauthError: fc.anything() },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.anything({ withNullPrototype: true, withBigInt: true, withMap: true, withSet: true, withTypedArray: true }), shaped), fc.constantFrom(...LANGS), (input, lang) => {
        const d = describeError(input, lang);
        expect(CATEGORIES).to.include(d.category);
        expect(typeof d.code).to.equal('string');
        const unknown = d.code === 'unknown' && d.summary === describeError(null, lang).summary;
        expect(unknown || summaries.has(d.summary), d.summary).to.equal(true);
        expect(unknown || fixes.some((f) => d.fix.startsWith(f)), d.fix).to.equal(true);
        for (const part of LEAK_PARTS) expect(JSON.stringify(d)).not.to.contain(part);
      }),
      { numRuns: 2000 },
    );
  });
});

// ---------------------------------------------------------------------------
// The README tables, generated from the catalogue.

const SECTIONS: ReadonlyArray<readonly [ErrorSource, string, string]> = [
  ['kakao-token', 'Kakao: KOE codes (kauth.kakao.com)', '카카오: KOE 코드(kauth.kakao.com)'],
  ['kakao-api', 'Kakao: API codes (kapi.kakao.com)', '카카오: API 오류 코드(kapi.kakao.com)'],
  ['kakao-callback', 'Kakao: errors sent to the redirect URI', '카카오: 리다이렉트 URI로 오는 오류'],
  ['naver-token', 'Naver: token and revoke endpoints', '네이버: 토큰 발급과 토큰 삭제(revoke)'],
  ['naver-api', 'Naver: profile API (/v1/nid/me) and API gateway', '네이버: 프로필 API(/v1/nid/me)와 API 게이트웨이'],
  ['naver-callback', 'Naver: errors sent to the redirect URI', '네이버: 리다이렉트 URI로 오는 오류'],
  ['failure', 'Failed logins (this package)', '로그인 실패(이 패키지)'],
  ['request', 'Network and responses (ProviderRequestError)', '네트워크와 응답(ProviderRequestError)'],
  ['id-token', 'ID tokens (IdTokenError)', 'ID 토큰(IdTokenError)'],
  ['oauth', 'Other OAuth errors (provider unknown)', '그 밖의 OAuth 오류(제공자를 알 수 없을 때)'],
];

const DOC_TEXT = {
  en: {
    title: '# Errors: what they mean and what to do',
    switch: '**English** · [한국어](errors.ko.md)',
    intro: [
      'Every error and failed login from this package carries a `category` that tells the app what to do next, and `describeError(error, lang)` turns it into a sentence for a person, in English (`\'en\'`) or Korean (`\'ko\'`):',
      '',
      '| Category | Meaning |',
      '|---|---|',
      '| `retry` | Transient: nothing is wrong with the app or the user; try again later. |',
      '| `login` | Start the login again (a used or expired code, a state that does not match, an expired token). |',
      '| `config` | The app\'s registration in the console, or its code, is wrong; a person has to fix it. |',
      '| `consent` | The user cancelled or did not agree; ask again only if the user wants to. |',
      '',
      '```ts',
      "import { describeError } from 'passport-naver-kakao';",
      '',
      "const { code, category, summary, fix } = describeError(err ?? info, 'en');",
      '```',
      '',
      'The tables below are generated from the same data as `describeError`.',
    ],
    head: '| Code | Meaning | Category | What to do |',
    other: 'any other code',
  },
  ko: {
    title: '# 오류: 뜻과 해결 방법',
    switch: '[English](errors.md) · **한국어**',
    intro: [
      '이 패키지가 내는 모든 오류와 로그인 실패에는 앱이 다음에 할 일을 알려 주는 `category`가 있어요. `describeError(error, lang)`는 이를 사람이 읽을 문장으로 바꿔 줘요. 영어는 `\'en\'`, 한국어는 `\'ko\'`예요.',
      '',
      '| 분류 | 뜻 |',
      '|---|---|',
      '| `retry` | 일시적인 문제예요. 앱이나 사용자의 잘못이 아니니 나중에 다시 시도하세요. |',
      '| `login` | 로그인을 처음부터 다시 해야 해요(이미 쓴 코드나 만료된 코드, 일치하지 않는 state, 만료된 토큰). |',
      '| `config` | 콘솔의 앱 등록 정보나 앱 코드가 잘못됐어요. 사람이 고쳐야 해요. |',
      '| `consent` | 사용자가 취소했거나 동의하지 않았어요. 사용자가 원할 때만 다시 요청하세요. |',
      '',
      '```ts',
      "import { describeError } from 'passport-naver-kakao';",
      '',
      "const { code, category, summary, fix } = describeError(err ?? info, 'ko');",
      '```',
      '',
      '아래 표는 `describeError`와 같은 데이터로 만들었어요.',
    ],
    head: '| 코드 | 뜻 | 분류 | 할 일 |',
    other: '그 밖의 코드',
  },
} as const;

/** A table cell: no pipes or line breaks. */
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/** The code cell: the code, the description or status class that narrows it. */
function codeCell(e: CatalogEntry, lang: 'en' | 'ko'): string {
  const code = e.code === '*' ? DOC_TEXT[lang].other : `\`${e.code}\``;
  if (e.when === undefined) return code;
  return /^(\dxx|\d{3})$/.test(e.when) ? `${code}, HTTP ${e.when}` : `${code} "${e.when}"`;
}

/** The whole document for one language. */
function errorsDoc(lang: 'en' | 'ko'): string {
  const t = DOC_TEXT[lang];
  const lines: string[] = [t.title, '', t.switch, '', ...t.intro];
  for (const [source, en, ko] of SECTIONS) {
    lines.push('', `## ${lang === 'en' ? en : ko}`, '', t.head, '|---|---|---|---|');
    for (const e of errorCatalog.filter((x) => x.source === source)) {
      lines.push(`| ${codeCell(e, lang)} | ${cell(e[lang].summary)} | \`${e.category}\` | ${cell(e[lang].fix)} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

describe('error catalogue: README tables', () => {
  for (const [lang, file] of [['en', 'docs/readme/errors.md'], ['ko', 'docs/readme/errors.ko.md']] as const) {
    it(`${file} is the table generated from the catalogue`, () => {
      const expected = errorsDoc(lang);
      if (process.env['UPDATE_ERROR_DOCS'] === '1') writeFileSync(file, expected);
      expect(readFileSync(file, 'utf8')).to.equal(expected);
    });
  }
  it('every section of the catalogue has a heading in the docs', () => {
    const sources = new Set(errorCatalog.map((e) => e.source));
    expect([...sources].sort()).to.deep.equal(SECTIONS.map(([s]) => s).sort());
  });
});
