import type { ContactRecord, LeadRecord, OrganizationRecord, UserRecord } from './types';

export interface TemplateContext {
  contact: ContactRecord | null;
  lead: LeadRecord | null;
  user: UserRecord;
  organization: OrganizationRecord;
}

export type RenderResult = { ok: true; text: string } | { ok: false; missing: 'contact' | 'lead' };

const VARIABLE = /\{\{\s*([a-z_]+)\.([a-z_]+)\s*\}\}/g;

/**
 * Renders the Jinja-style variables Close templates use. Unknown variables render empty, as in Jinja; a template
 * that needs a contact or lead the SMS does not name cannot be rendered (Close renders on the server with them).
 */
export function renderTemplate(text: string, context: TemplateContext): RenderResult {
  const missing = missingObject(text, context);
  if (missing) return { ok: false, missing };
  return {
    ok: true,
    text: text.replace(VARIABLE, (_match, object: string, field: string) => lookup(context, object, field)),
  };
}

function missingObject(text: string, context: TemplateContext): 'contact' | 'lead' | null {
  for (const [, object] of text.matchAll(VARIABLE)) {
    if (object === 'contact' && !context.contact) return 'contact';
    if (object === 'lead' && !context.lead) return 'lead';
  }
  return null;
}

function lookup(context: TemplateContext, object: string, field: string): string {
  const values = variables(context)[object];
  return values?.[field] ?? '';
}

function variables(context: TemplateContext): Record<string, Record<string, string>> {
  const contactName = context.contact?.name ?? '';
  const [firstName = '', ...rest] = contactName.split(/\s+/).filter(Boolean);
  const { user, lead, organization } = context;
  return {
    contact: {
      name: contactName,
      first_name: firstName,
      last_name: rest.join(' '),
      title: context.contact?.title ?? '',
    },
    lead: { display_name: lead?.display_name ?? '', name: lead?.name ?? '' },
    user: {
      first_name: user.first_name,
      last_name: user.last_name,
      full_name: `${user.first_name} ${user.last_name}`,
      email: user.email,
    },
    organization: { name: organization.name },
  };
}
