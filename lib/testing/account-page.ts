/**
 * The emulated providers' account page ("연결된 서비스 관리"): the logged-in
 * user's connected apps, each with a control to disconnect it, which ends the
 * user's grants and sends the app its unlink notification (docs/providers.md
 * §C10, §C11).
 *
 * @packageDocumentation
 */
import { accountCookie } from './authorize.js';
import type { Grants } from './grants.js';
import { errorPage } from './pages.js';
import { escapeHTML, type Route } from './server.js';
import type { EmulatedProviderName, EmulatorClient, EmulatorUser, UnlinkDelivery } from './types.js';

/** What the account page needs. */
export interface AccountPageSettings {
  provider: EmulatedProviderName;
  clients: readonly EmulatorClient[];
  users: readonly EmulatorUser[];
  grants: Grants;
  disconnect(user: EmulatorUser, client: EmulatorClient): Promise<UnlinkDelivery | undefined>;
}

/** Paths of the account page of a provider. */
export function accountPaths(provider: EmulatedProviderName): { page: string; disconnect: string } {
  return { page: `/${provider}/account`, disconnect: `/${provider}/account/disconnect` };
}

/** The account page and its disconnect action. */
export function accountRoutes(settings: AccountPageSettings): Route[] {
  const { provider } = settings;
  const label = provider === 'kakao' ? 'Kakao' : 'Naver';
  const paths = accountPaths(provider);
  return [
    {
      provider,
      endpoint: 'page',
      methods: ['GET'],
      path: paths.page,
      handle: (ex) => {
        const user = settings.users.find((u) => u.key === ex.cookie(accountCookie(provider)));
        if (!user) return ex.html(200, errorPage(label, { title: '로그인하지 않았습니다', lines: ['Log in through an app first.'] }));
        const apps = settings.clients.filter((client) => settings.grants.consented(provider, client, user));
        const rows = apps
          .map(
            (client) =>
              `<li>${escapeHTML(client.name ?? client.clientID)} <form method="post" action="${paths.disconnect}" style="display:inline">` +
              `<input type="hidden" name="client_id" value="${escapeHTML(client.clientID)}">` +
              `<button type="submit" data-action="disconnect">연결 끊기 / Disconnect</button></form></li>`,
          )
          .join('');
        const done = ex.query.get('disconnected');
        const notice = done === null ? '' : `<p data-testid="disconnected">${escapeHTML(done)} 연결을 끊었습니다 / disconnected</p>`;
        ex.html(
          200,
          errorPage(label, { title: `${user.name}: 연결된 서비스 관리`, lines: [] }).replace(
            '</body>',
            // A function, so that `$&` or `$'` in an app's or a user's name is not read as a replacement pattern.
            () => `${notice}${rows ? `<ul>${rows}</ul>` : '<p>연결된 서비스가 없습니다 / No connected apps</p>'}</body>`,
          ),
        );
      },
    },
    {
      provider,
      endpoint: 'page',
      methods: ['POST'],
      path: paths.disconnect,
      handle: (ex) => {
        const user = settings.users.find((u) => u.key === ex.cookie(accountCookie(provider)));
        const client = settings.clients.find((c) => c.clientID === ex.param('client_id'));
        if (!user || !client) return ex.html(400, errorPage(label, { title: '잘못된 요청', lines: ['No such login or app.'] }));
        // The notification is sent after the unlink is done (§C10); the page waits for it.
        void settings.disconnect(user, client).then(() => ex.redirect(`${paths.page}?disconnected=${encodeURIComponent(client.clientID)}`));
      },
    },
  ];
}
