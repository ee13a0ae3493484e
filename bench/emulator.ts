// The emulator in its own process for the benchmark (started by bench/run.ts).
import { startEmulator, type EmulatedProviderName, type EmulatorEndpoint, type EmulatorFault } from 'passport-naver-kakao/testing';

type Message = { setFault?: { provider: EmulatedProviderName; endpoint: EmulatorEndpoint; fault: EmulatorFault | undefined }; clear?: true; cpu?: true };

// Thousands of logins by one user: Kakao's per-user token quota (KOE237) would
// stop the run, so the benchmark's emulator lifts it.
const NO_QUOTA = { accessTokens: Number.MAX_SAFE_INTEGER, accessWindowSeconds: 600, refreshTokens: Number.MAX_SAFE_INTEGER, refreshWindowSeconds: 3600 };

void startEmulator({ kakaoTokenLimits: NO_QUOTA }).then((emulator) => {
  process.on('message', (message: Message) => {
    if (message.setFault) emulator.setFault(message.setFault.provider, message.setFault.endpoint, message.setFault.fault);
    if (message.clear) emulator.clearFaults();
    // CPU of this process so far, in microseconds: the runner takes it before and after each contender's logins.
    if (message.cpu) {
      const { user, system } = process.cpuUsage();
      process.send!({ cpu: user + system });
    } else process.send!({ ok: true });
  });
  process.send!({ ready: { url: emulator.url, naver: emulator.naver, kakao: emulator.kakao } });
});
