/** This build's identity (vite.config.ts): `'dev'` under `npm run dev`. */
declare const __FRAUDWALL_VERSION__: string;
