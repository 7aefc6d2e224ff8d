/** Injected by wxt.config.ts from WXT_CLOSE_API_URL (validated there). */
declare const __CLOSE_API_URL__: string;
/** The stand-in's key in `npm start` demo builds; empty in every other build. */
declare const __DEMO_API_KEY__: string;
