// End-to-end test of the HTML report in a real browser (Debian's chromium,
// driven by playwright-core): no console errors, every chart rendered as
// SVG with marks, one table row per arrangement, sorting on click, hostile
// text shown as text and never run, and a screenshot kept as an artifact.
//
// Usage: node test_report.mjs GUARANTOR_PROGRAM SCREENSHOT.png
// Exit status: 0 pass, 1 fail, 77 skipped (no chromium or playwright-core).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const [program, screenshot] = process.argv.slice(2);
const SKIP = 77;
const chromiumPath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find(existsSync);
if (!chromiumPath) {
  console.log("SKIPPED: no chromium at /usr/bin/chromium; install Debian's chromium (scripts/deps.sh does) to run this test");
  process.exit(SKIP);
}
let chromium;
try {
  const require = createRequire(join(here, "../../report/package.json"));
  ({ chromium } = require("playwright-core"));
} catch (e) {
  console.log("SKIPPED: playwright-core is not installed in report/node_modules (scripts/deps.sh runs npm ci there)");
  process.exit(SKIP);
}

const work = mkdtempSync(join(tmpdir(), "gr-report-"));
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); console.log(`${ok ? "ok" : "FAIL"} - ${what}`); };

try {
  const out = join(work, "report.html");
  execFileSync(program, ["report", "--quiet", "-o", out, "-n", "20000", "--samples", "256",
                         "-f", join(here, "hostile.yaml")], { stdio: "inherit" });
  const nArrangements = 11; // The ten of the catalog and the hostile one.

  const context = await chromium.launchPersistentContext(join(work, "profile"), {
    executablePath: chromiumPath, headless: true, viewport: { width: 1280, height: 900 },
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--disable-quic"] });
  const page = context.pages()[0] || await context.newPage();
  const errors = [];
  page.on("console", m => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", e => errors.push(String(e)));
  // The page must need no network: refuse every request but the file itself.
  const requests = [];
  await page.route("**/*", route => {
    const url = route.request().url();
    if (url.startsWith("file:")) return route.continue();
    requests.push(url);
    return route.abort();
  });
  await page.goto("file://" + out);
  await page.waitForFunction(() => document.body.dataset.rendered, null, { timeout: 60000 });
  check(await page.evaluate(() => document.body.dataset.rendered) === "true", "all charts report rendered");
  check(errors.length === 0, `no console errors (${errors.join(" | ")})`);
  check(requests.length === 0, `no network requests (${requests.join(" ")})`);

  const charts = await page.$$eval(".chart", els => els.map(e => ({
    id: e.id, svg: !!e.querySelector("svg"),
    marks: e.querySelectorAll("svg path, svg rect, svg line, svg text, svg circle").length })));
  check(charts.length === 2 + 3 * nArrangements,
        `one scatter, the calibration and three charts per arrangement (${charts.length})`);
  for (const c of charts) check(c.svg && c.marks > 5, `chart ${c.id} rendered SVG with marks (${c.marks})`);

  const rowIds = () => page.$$eval("#comparison-table tbody tr", trs => trs.map(t => t.dataset.id));
  check((await rowIds()).length === nArrangements, "the table has one row per arrangement");
  const detValues = () => page.$$eval("#comparison-table tbody tr", trs =>
    trs.map(t => parseFloat(t.children[4].textContent)));
  const header = page.locator("#comparison-table th", { hasText: "P(attack)" });
  // A numeric column sorts highest first on the first click.
  await header.click();
  const desc = await detValues();
  check(desc.every((v, i) => i === 0 || desc[i - 1] >= v), `sorted descending on a click (${desc.join(", ")})`);
  await header.click();
  const asc = await detValues();
  check(asc.every((v, i) => i === 0 || asc[i - 1] <= v), "sorted ascending on a second click");
  await page.locator("#comparison-table th", { hasText: "Arrangement" }).click();
  const ids = await rowIds();
  check(ids.join() === [...ids].sort().join(), "sorted by name");

  const text = await page.evaluate(() => document.body.textContent);
  check(text.includes("window.__pwned = 1</script>"), "hostile title shown as plain text");
  check(text.includes("onerror=\"window.__pwned=3\""), "hostile note shown as plain text");
  check(await page.evaluate(() => window.__pwned === undefined), "no injected script ran");
  check(await page.locator("#arr-coalition-2025 h2").count() === 1, "each arrangement has its section");
  check(text.includes("What this model cannot tell"), "the model's limits are shown");
  // The backtest: its headline says plainly how the model compares with
  // the base rate, the scores table has the model and the baselines, and
  // the worst cases come with their sources.
  check(/the model's Brier score is [0-9.]+ \[/.test(text), "the history section states the model's Brier score");
  const scoreRows = await page.$$eval("#history-scores tbody tr", trs => trs.map(t => t.children[0].textContent));
  check(scoreRows[0] === "model" && scoreRows.some(r => r.startsWith("base rate (leave one out)")) &&
        scoreRows.some(r => r.startsWith("Huth logistic")), `the scores table has the model and the baselines (${scoreRows})`);
  const worst = await page.$$eval("#history-worst li", lis => lis.map(l => l.querySelectorAll(".quote").length));
  check(worst.length === 8 && worst.every(n => n > 0), "the cases most wrong are listed with their sources");
  // The assumptions come from the program's own list (guarantor show has
  // the same), and no section claims that everything is sourced.
  check(text.includes("obligation 1 (FRA reassurance_force), troops 10000: France's share"),
        "the coalition's assumed troop share is listed");
  check(text.includes("fact ceasefire_in_force (entry into force)"), "the facts it rests on are listed");
  check(!text.includes("every value is sourced"), "no section claims every value is sourced");
  check(text.includes("stationed in Kyiv Oblast and Odesa Oblast"), "plain words say where forces stand");

  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`screenshot: ${screenshot}`);
  await context.close();
} catch (e) {
  failures.push(String(e && e.stack || e));
  console.log("FAIL - " + e);
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`${failures.length ? "FAILED" : "passed"}: ${failures.length} failure(s)`);
process.exit(failures.length ? 1 : 0);
