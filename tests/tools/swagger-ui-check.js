// swagger-ui-check.js URL TOKEN CRN SCREENSHOT - drives Debian's chromium
// (playwright-core, headless) through deliusd's Swagger UI: load the page, list
// the operations, Authorize with a pasted bearer token, "Try it out" on
// GET /person/{crn}, Execute, and read the live response status. Prints one
// JSON object; exits non-zero on failure.
const { chromium } = require("playwright-core");
const fs = require("fs");
const os = require("os");
const path = require("path");

const [url, token, crn, shot] = process.argv.slice(2);
const result = { loaded: false, operations: [], authorized: false, status: null, body: null };

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "deliusd-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1280, height: 1800 },
  });
  try {
    const page = context.pages()[0] || (await context.newPage());
    page.setDefaultTimeout(20000);
    await page.goto(url, { waitUntil: "load" });
    await page.waitForSelector(".opblock-summary-path");
    result.title = await page.locator(".info .title").first().innerText();
    result.operations = await page.$$eval(".opblock", (els) =>
      els.map((e) => (e.querySelector(".opblock-summary-method").textContent + " " +
                      e.querySelector(".opblock-summary-path").getAttribute("data-path"))));
    result.loaded = true;

    await page.click("button.authorize");
    await page.fill(".modal-ux input[type=text], .modal-ux input[type=password]", token);
    await page.click(".modal-ux .auth-btn-wrapper button.authorize");
    await page.waitForSelector(".modal-ux button.btn-done");
    result.authorized = (await page.locator(".modal-ux").innerText()).includes("Logout");
    await page.click(".modal-ux button.btn-done");

    const op = page.locator("#operations-tier-get_person_crn");
    await op.locator(".opblock-summary").click();
    await op.locator("button.try-out__btn").click();
    await op.locator("tr[data-param-name=crn] input").fill(crn);
    await op.locator("button.execute").click();
    const status = op.locator(".live-responses-table tbody .response-col_status").first();
    await status.waitFor();
    result.status = parseInt((await status.innerText()).trim(), 10);
    result.body = await op.locator(".live-responses-table .response-col_description pre").first().innerText();
    result.curl = await op.locator(".curl-command .copy-to-clipboard + div, .curl-command pre").first().innerText()
      .catch(() => null);
    await status.scrollIntoViewIfNeeded();
    if (shot) await page.screenshot({ path: shot, fullPage: false });
  } catch (e) {
    result.error = String(e.message || e);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log(JSON.stringify(result));
  process.exit(result.error ? 1 : 0);
})();
