import { setupAccount } from './account';
import { setupComposeOpener } from './compose-opener';
import { setupContentScriptRegistration } from './content-script-registration';
import { setupFindingsStore } from './findings-store';

/** Wires every listener synchronously, before any await, so the event that woke the worker is not lost. */
export function setupBackground(): void {
  setupAccount();
  setupFindingsStore();
  setupComposeOpener();
  setupContentScriptRegistration();
}
