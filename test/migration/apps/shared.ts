// What the migration apps get from the test: the provider endpoints of the
// emulator (an app in production leaves these out) and where it listens.
import type { EmulatedProvider } from 'passport-naver-kakao/testing';

/** Settings a migrated app reads, as a real one reads its environment. */
export interface AppEnv {
  /** `http://localhost:<port>`: the app's own origin, for absolute callback URLs. */
  base: string;
  /** The emulator's endpoints for the provider the app uses. */
  endpoints: EmulatedProvider;
}
