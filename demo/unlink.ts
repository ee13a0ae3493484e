// The providers' unlink notifications (issue 14 §1): a user who disconnects
// the app at Kakao or Naver makes the provider call these URLs; the package's
// receivers verify the call, answer the provider, and then the demo forgets
// the user: every session of that user ends, so the next page load of any of
// their browsers shows them logged out. The demo keeps no other record of a
// user. Running it twice for one user finds nothing the second time.
import type { RequestHandler } from 'express';
import type session from 'express-session';
import { kakaoUnlinkWebhook, naverUnlinkWebhook, type UnlinkEvent } from 'passport-naver-kakao';

/** Whether a stored session belongs to this user (passport keeps the user under `passport.user`). */
function belongsTo(data: unknown, provider: 'naver' | 'kakao', userId: string): boolean {
  const user = (data as { passport?: { user?: { provider?: unknown; id?: unknown } } } | null)?.passport?.user;
  return user?.provider === provider && user.id === userId;
}

/**
 * Ends every session of a user in the session store and resolves to how many
 * there were. Walks the whole store (`all()`): fine for a demo; an app with
 * many sessions keeps an index of session IDs per user instead.
 */
export function endSessionsOf(store: session.Store, provider: 'naver' | 'kakao', userId: string): Promise<number> {
  return new Promise((resolve, reject) => {
    if (!store.all) return reject(new Error('the session store cannot list its sessions'));
    store.all((err, found) => {
      if (err) return reject(err instanceof Error ? err : new Error(String(err)));
      // express-session's MemoryStore and BoundedMemoryStore give an object by session ID;
      // connect-redis gives an array whose entries carry their `id`.
      const entries: Array<[string, unknown]> = Array.isArray(found)
        ? (found as Array<{ id?: unknown }>).flatMap((data) => (typeof data.id === 'string' ? [[data.id, data] as [string, unknown]] : []))
        : Object.entries(found ?? {});
      const ids = entries.filter(([, data]) => belongsTo(data, provider, userId)).map(([sid]) => sid);
      Promise.all(ids.map((sid) => new Promise<void>((done, fail) => store.destroy(sid, (e) => (e ? fail(e instanceof Error ? e : new Error(String(e))) : done()))))).then(
        () => resolve(ids.length),
        reject,
      );
    });
  });
}

/** What the receivers need: the session store, and each provider's keys (Kakao's only when its admin key is known). */
export interface UnlinkReceiverOptions {
  store: session.Store;
  /** The primary admin key Kakao signs its webhook with, and the app ID it must name (docs/providers.md §C10). */
  kakao?: { adminKey: string; appId?: string | undefined } | undefined;
  /** The Client ID and secret Naver's notification is made with (§C11). */
  naver: { clientID: string; clientSecret: string };
}

/** The Express handlers for both notification URLs. */
export function unlinkReceivers(options: UnlinkReceiverOptions): { kakao: RequestHandler | undefined; naver: RequestHandler } {
  const forget = async (event: UnlinkEvent): Promise<void> => {
    const ended = await endSessionsOf(options.store, event.provider, event.userId);
    const why = event.provider === 'kakao' ? ` (${event.referrerType})` : '';
    console.log(`[demo] ${event.provider} unlink${why}: user ${event.userId} forgotten, ${ended} session${ended === 1 ? '' : 's'} ended`);
  };
  const onError = (error: unknown, event: UnlinkEvent): void => {
    console.error(`[demo] ${event.provider} unlink of user ${event.userId}: could not end the sessions: ${error instanceof Error ? error.message : String(error)}`);
  };
  return {
    kakao: options.kakao ? (kakaoUnlinkWebhook({ ...options.kakao, onUnlink: forget, onError }) as RequestHandler) : undefined,
    naver: naverUnlinkWebhook({ ...options.naver, onUnlink: forget, onError }) as RequestHandler,
  };
}
