// main.ts: starts the app with the settings from the environment.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AuthModule } from './auth.module.js';

const port = Number(process.env.PORT ?? 3000);
const baseURL = process.env.BASE_URL ?? `http://localhost:${port}`; // the address the browser uses

/** Endpoint overrides, as JSON. Leave them unset in production; tests point them at the emulator. */
function endpoints(name: 'NAVER_ENDPOINTS' | 'KAKAO_ENDPOINTS'): { authorizationURL?: string; tokenURL?: string; profileURL?: string } {
  return JSON.parse(process.env[name] ?? '{}');
}

async function bootstrap(): Promise<void> {
  const nestApp = await NestFactory.create(AuthModule.forRoot({
    stateSecret: process.env.STATE_SECRET!,
    naver: {
      clientID: process.env.NAVER_CLIENT_ID!,
      clientSecret: process.env.NAVER_CLIENT_SECRET!,
      callbackURL: `${baseURL}/auth/naver/callback`,
      ...endpoints('NAVER_ENDPOINTS'),
    },
    kakao: {
      clientID: process.env.KAKAO_CLIENT_ID!,        // the REST API key
      clientSecret: process.env.KAKAO_CLIENT_SECRET, // its Client Secret
      callbackURL: `${baseURL}/auth/kakao/callback`,
      ...endpoints('KAKAO_ENDPOINTS'),
    },
  }), { logger: ['error', 'warn'] });
  await nestApp.listen(port);
  console.log(`Listening on ${baseURL}`);
}

void bootstrap();
