/**
 * Pure text detection for the content script: phone numbers and Close lead IDs.
 * No DOM, no UI, no zod — only libphonenumber-js.
 */

export { findLeadIds, type LeadIdMatch } from './find-lead-ids';
export { type FindPhoneNumbersOptions, findPhoneNumbers, mayContainPhone, type PhoneMatch } from './find-phone-numbers';
