// `npm start`: runs the demo on PORT (default 3000).
import { configFromEnv, createDemo, DemoConfigError } from './app.js';

async function main(): Promise<void> {
  const config = configFromEnv(process.env);
  const port = Number(process.env['PORT'] || 3000);
  const demo = await createDemo(config);
  const server = demo.app.listen(port, () => {
    console.log(`passport-naver-kakao demo on ${config.baseURL}`);
    for (const provider of ['naver', 'kakao'] as const) {
      const needs = provider === 'naver' ? 'NAVER_CLIENT_ID and NAVER_CLIENT_SECRET' : 'KAKAO_CLIENT_ID and KAKAO_CLIENT_SECRET';
      console.log(
        demo.modes[provider] === 'emulator'
          ? `  ${provider}: local emulator at ${demo.emulator!.url} (set ${needs} to use the real one)`
          : `  ${provider}: the real provider`,
      );
    }
    if (demo.modes.naverOidc) console.log(`  naver OpenID Connect: ${config.baseURL}/login/naver-oidc`);
    // New Kakao REST API keys have Client Secret ON (provider-apis.md §C1): without it every login ends in KOE010.
    if (demo.modes.kakao === 'real' && !config.kakao?.clientSecret) {
      console.log('  kakao: no KAKAO_CLIENT_SECRET; logins fail with KOE010 unless Client Secret is turned off for this REST API key');
    }
  });
  const stop = (): void => {
    server.close();
    void demo.close();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  // A setting to change: its message is the whole story.
  console.error(err instanceof DemoConfigError ? `passport-naver-kakao demo: ${err.message}` : err);
  process.exitCode = 1;
});
