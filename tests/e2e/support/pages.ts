/**
 * Page objects for the extension's own pages: what a rep sees and does, named as they would say it, so
 * the e2e suite and the demo tour drive the UI one way and a changed label is fixed in one place.
 */
import type { Locator, Page } from 'playwright-core';
import type { LoadedExtension } from './extension';

const POPUP_SIZE = { width: 400, height: 720 };

/** The popup's page picker and composer. */
export class PopupPage {
  private constructor(readonly page: Page) {}

  /** The popup for a query (`to=…`, `lead=…`, `tab=…`, `view=queue`), at the toolbar popup's size. */
  static async open(ext: LoadedExtension, query = ''): Promise<PopupPage> {
    const page = await ext.openPage(`popup.html${query ? `?${query}` : ''}`);
    await page.setViewportSize(POPUP_SIZE);
    return new PopupPage(page);
  }

  /** The composer for a number, ready to write in. */
  static async composeTo(ext: LoadedExtension, e164: string): Promise<PopupPage> {
    const popup = await PopupPage.open(ext, `to=${encodeURIComponent(e164)}`);
    await popup.composerSettled();
    return popup;
  }

  /** The composer has looked the recipient up in Close (or says why it could not). */
  async composerSettled(): Promise<void> {
    await this.page.locator('section.compose:not([data-state="loading"])').waitFor();
  }

  get message(): Locator {
    return this.page.getByLabel('Message');
  }
  get sendButton(): Locator {
    return this.page.getByRole('button', { name: 'Send', exact: true });
  }
  /** A number the page picker lists. */
  found(e164: string): Locator {
    return this.page.getByRole('button', { name: `Text ${e164}` });
  }
  alert(): Locator {
    return this.page.getByRole('alert').first();
  }

  async pick(e164: string): Promise<void> {
    await this.found(e164).click();
    await this.sendButton.waitFor();
  }
  async waitForLead(name: string): Promise<void> {
    await this.page.getByText(name).first().waitFor();
  }
  async write(text: string): Promise<void> {
    await this.message.fill(text);
  }
  async send(): Promise<void> {
    await this.sendButton.click();
  }
  async waitUntilSent(timeout = 60_000): Promise<void> {
    await this.page.getByText('Sent ✓').waitFor({ timeout });
  }
  async openQueue(): Promise<QueuePage> {
    await this.page.getByRole('button', { name: 'Drafts & scheduled' }).click();
    return new QueuePage(this.page);
  }
  close(): Promise<void> {
    return this.page.close();
  }
}

/** Drafts & scheduled. */
export class QueuePage {
  constructor(readonly page: Page) {}

  static async open(ext: LoadedExtension): Promise<QueuePage> {
    const popup = await PopupPage.open(ext, 'view=queue');
    const queue = new QueuePage(popup.page);
    await queue.refreshed();
    return queue;
  }

  async refreshed(): Promise<void> {
    await this.page
      .getByText('Refreshing from Close…')
      .waitFor({ state: 'detached' })
      .catch(() => {});
  }
  /** The row of a queued text. */
  row(text: string): Locator {
    return this.page.locator('li', { has: this.page.getByText(text, { exact: true }) });
  }
  async edit(text: string): Promise<void> {
    await this.row(text).getByRole('button').first().click();
  }
  async action(name: string): Promise<void> {
    await this.page.getByRole('button', { name }).click();
  }
  close(): Promise<void> {
    return this.page.close();
  }
}

/** The options page. */
export class OptionsPage {
  private constructor(readonly page: Page) {}

  static async open(ext: LoadedExtension): Promise<OptionsPage> {
    return new OptionsPage(await ext.openPage('options.html'));
  }

  /** Enters an API key the way a rep does: paste, Save. */
  async saveKey(key: string): Promise<void> {
    await this.page.getByLabel('API key').fill(key);
    await this.page.getByRole('button', { name: 'Save' }).click();
  }
  get account(): Locator {
    return this.page.locator('.account');
  }
  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
  }
  close(): Promise<void> {
    return this.page.close();
  }
}

/**
 * Waits until the hover button stands at a viewport point. Its shadow root is closed (page scripts can't reach
 * it, and neither can a locator), so the test asks what a rep's pointer would hit there.
 */
export async function waitForHoverButton(page: Page, x: number, y: number, timeout = 10_000): Promise<void> {
  await page.waitForFunction(
    ([px, py]) => document.elementFromPoint(px as number, py as number)?.localName === 'close-sms-button',
    [x, y],
    { timeout },
  );
}
