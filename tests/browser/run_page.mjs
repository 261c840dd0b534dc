// Drive the query page in headless Chromium: load it, pick a cookbook query,
// run it, and report the result rows YASGUI shows.
//
//   node tests/browser/run_page.mjs URL QUERY_NAME [SCREENSHOT.png]
//
// Prints one JSON line {rows, firstRow, requests} and exits 0 when the page
// showed at least one result row and asked no host but the server; exits 1
// otherwise. With a path, a screenshot of the page is saved there.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const [url, queryName, screenshot] = process.argv.slice(2);
if (!url || !queryName) {
  console.error("usage: node tests/browser/run_page.mjs URL QUERY_NAME [SCREENSHOT.png]");
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const profile = mkdtempSync(join(tmpdir(), "govkg-chromium-"));
const origin = new URL(url).origin;
const foreign = [];
const problems = [];

const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
let status = 1;
try {
  const page = context.pages()[0] || (await context.newPage());
  page.setDefaultTimeout(20000);
  page.on("request", (request) => {
    const target = request.url();
    if (!target.startsWith(origin) && !target.startsWith("data:") && !target.startsWith("blob:")) {
      foreign.push(target);
    }
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));

  await page.goto(url);
  await page.waitForSelector("body[data-cookbook-loaded]");
  await page.selectOption("#cookbook", queryName);
  await page.waitForFunction(
    (name) => window.govkg.yasgui.getTab().getQuery().length > 0 &&
      window.govkg.yasgui.getTab().getQuery() === window.govkg.cookbook[name].query,
    queryName,
  );
  await page.click(".yasqe_queryButton");
  const rows = page.locator(".yasr table.dataTable tbody tr");
  await rows.first().waitFor();
  const count = await rows.count();
  const firstRow = (await rows.first().innerText()).replace(/\s+/g, " ").trim();
  const empty = await page.locator(".yasr .dataTables_empty").count();
  const result = { rows: count, firstRow, requests: foreign, problems };
  console.log(JSON.stringify(result));
  status = count > 0 && empty === 0 && foreign.length === 0 ? 0 : 1;
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
} catch (error) {
  console.error(`browser check failed: ${error.message}`);
  if (problems.length) console.error(problems.join("\n"));
  if (screenshot) {
    const page = context.pages()[0];
    if (page) await page.screenshot({ path: screenshot, fullPage: true }).catch(() => {});
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(status);
