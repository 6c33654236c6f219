/// <reference lib="dom" />
/**
 * A diagram page and a panel host of different Rankscope versions cannot read each other's
 * messages: the page says so on screen (reload the window) instead of staying blank.
 */
import * as assert from 'node:assert/strict';
import { PROTOCOL_VERSION } from '../../webview/sequence/protocol.js';
import { openDiagram } from './harness.js';
import { useBrowser } from './recorded.js';

describe('sequence diagram webview: another version', function () {
  this.timeout(60000);
  const browser = useBrowser();

  it('a host message of another protocol version shows a banner that says to reload the window', async () => {
    const d = await openDiagram(browser());
    await d.page.evaluate((v) => window.postMessage({ type: 'session', v, title: 'x', names: ['rank 0'], live: false, events: 0 }, '*'), PROTOCOL_VERSION + 1);
    const banner = d.page.locator('#banner', { hasText: 'another Rankscope version' });
    await banner.waitFor({ timeout: 10000 });
    assert.match(await banner.innerText(), /reload the window/);
    await d.close();
  });
});
