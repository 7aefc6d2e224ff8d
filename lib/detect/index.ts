/**
 * Pure text detection: phone numbers and Close lead IDs. No DOM, no UI, no zod — only libphonenumber-js,
 * so only the background and the extension's pages import this; the page's detector imports
 * find-lead-ids.ts and find-candidates.ts directly and asks the background for numbers (number-batch.ts).
 */

export { findLeadIds, type LeadIdMatch } from './find-lead-ids';
export { type FindPhoneNumbersOptions, findPhoneNumbers, mayContainPhone, type PhoneMatch } from './find-phone-numbers';
