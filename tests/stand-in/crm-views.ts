import { closeId } from './ids';
import type { StandInState } from './state';
import type { ContactRecord, LeadRecord } from './types';

/** A contact as Close returns it (the spec lists these arrays even when empty). */
export function contactView(contact: ContactRecord): Record<string, unknown> {
  return { ...contact, integration_links: [], recent_calls: [], subscriptions: [] };
}

/** A lead as GET /lead/{id}/ returns it: contacts embedded in full, plus the fields the spec marks required. */
export function leadView(state: StandInState, lead: LeadRecord): Record<string, unknown> {
  const contacts = state.contactsOfLead(lead.id);
  const primaryPhone = contacts.flatMap((contact) => contact.phones)[0] ?? null;
  return {
    ...lead,
    html_url: `https://app.close.com/lead/${lead.id}/`,
    contacts: contacts.map(contactView),
    contact_ids: contacts.map((contact) => contact.id),
    primary_phone: primaryPhone,
    primary_email: null,
    addresses: [],
    opportunities: [],
    tasks: [],
    integration_links: [],
    custom: {},
    source: null,
    localtime: null,
  };
}

/** GET /me/: the user, their organizations and memberships, and the numbers they can use. */
export function meView(state: StandInState): Record<string, unknown> {
  const { user, organization } = state;
  return {
    ...user,
    email_accounts: [],
    memberships: [
      {
        id: closeId('memb', `${user.id}:${organization.id}`),
        organization_id: organization.id,
        user_id: user.id,
        role_id: 'admin',
        permissions_granted: [],
      },
    ],
    organizations: [
      {
        ...organization,
        lead_statuses: [{ id: state.leadStatus.id, label: state.leadStatus.label, type: 'active' }],
        pipelines: [],
      },
    ],
    phone_numbers: state.phoneNumbers
      .filter((number) => number.participants.includes(user.id))
      .map(({ id, number, organization_id, date_created, date_updated }) => ({
        id,
        number,
        organization_id,
        date_created,
        date_updated,
      })),
  };
}
