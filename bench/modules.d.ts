// passport-kakao ships no types; the benchmark uses it as an untyped Strategy constructor.
declare module 'passport-kakao';
