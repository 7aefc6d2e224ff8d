import { BLOCKED_ROUTES } from './blocked-routes';
import { CRM_ROUTES } from './crm-routes';
import type { Route } from './routing';
import { SEARCH_ROUTES } from './search-route';
import { SMS_ROUTES } from './sms-routes';

/** Every endpoint the stand-in serves, under /api/v1. */
export const ROUTES: Route[] = [...CRM_ROUTES, ...BLOCKED_ROUTES, ...SEARCH_ROUTES, ...SMS_ROUTES];
