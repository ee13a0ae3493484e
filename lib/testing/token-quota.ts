/**
 * Kakao's per-user token quota (docs/providers.md §C6.3): 20 access tokens per
 * 10 minutes and 30 refresh tokens per 60 minutes, counted over the token and
 * refresh requests; beyond that Kakao answers KOE237.
 *
 * @packageDocumentation
 */
import type { KakaoTokenLimits } from './types.js';

/** Kakao's documented limits. */
export const KAKAO_TOKEN_LIMITS: KakaoTokenLimits = { accessTokens: 20, accessWindowSeconds: 600, refreshTokens: 30, refreshWindowSeconds: 3600 };

/** Counts issued tokens per user and app over sliding windows. */
export class TokenQuota {
  readonly #limits: KakaoTokenLimits;
  readonly #access = new Map<string, number[]>();
  readonly #refresh = new Map<string, number[]>();

  constructor(limits: KakaoTokenLimits) {
    this.#limits = limits;
  }

  /**
   * Takes one access token (and one refresh token when `withRefresh`) from the
   * quota of `who`. Returns false, taking nothing, when either is used up.
   */
  take(who: string, withRefresh: boolean): boolean {
    const now = Date.now();
    const access = recent(this.#access, who, now - this.#limits.accessWindowSeconds * 1000);
    const refresh = recent(this.#refresh, who, now - this.#limits.refreshWindowSeconds * 1000);
    if (access.length >= this.#limits.accessTokens) return false;
    if (withRefresh && refresh.length >= this.#limits.refreshTokens) return false;
    access.push(now);
    if (withRefresh) refresh.push(now);
    return true;
  }
}

/**
 * The times in `log` for `who` after `since`, kept in the map. Times are
 * appended in order, so the expired ones are at the front: dropping them costs
 * nothing per token when none has expired (a filter over the whole log made
 * each token request slower as logins accumulated).
 */
function recent(log: Map<string, number[]>, who: string, since: number): number[] {
  let times = log.get(who);
  if (times === undefined) {
    times = [];
    log.set(who, times);
  }
  let expired = 0;
  while (expired < times.length && times[expired]! <= since) expired++;
  if (expired > 0) times.splice(0, expired);
  return times;
}
