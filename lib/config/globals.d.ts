/** Injected by wxt.config.ts from WXT_CLOSE_API_URL (validated there). */
declare const __CLOSE_API_URL__: string;
