import { setupAccount } from './account';
import { setupComposeOpener } from './compose-opener';
import { setupComposeService } from './compose-service';
import { setupContentScriptRegistration } from './content-script-registration';
import { setupContextMenu } from './context-menu';
import { setupDeliveryTracking } from './delivery-tracking';
import { setupDemo } from './demo-setup';
import { setupDetectorLoader } from './detector-loader';
import { setupFindingsStore } from './findings-store';
import { setupQueueService } from './queue-service';

/** Wires every listener synchronously, before any await, so the event that woke the worker is not lost. */
export function setupBackground(): void {
  setupAccount();
  setupFindingsStore();
  setupComposeOpener();
  setupComposeService();
  setupDeliveryTracking();
  setupQueueService();
  setupContentScriptRegistration();
  // Issue #13: the full detector is injected on demand into frames with candidates.
  setupDetectorLoader();
  setupContextMenu();
  setupDemo();
}
