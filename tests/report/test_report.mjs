// End-to-end test of the HTML report in a real browser (Debian's chromium,
// driven by playwright-core): no console errors or warnings, every chart
// rendered as SVG with marks, one table row per arrangement, sorting on
// click, the scenario selector, the downloads (CSV, SVG, PNG), the print
// layout (an A4 PDF, no sticky header over rows), a phone's width, hostile
// text shown as text and never run; a screenshot of the page and of each
// section kept as artifacts (beside SCREENSHOT.png, in report-screenshots/).
//
// Usage: node test_report.mjs GUARANTOR_PROGRAM SCREENSHOT.png
// Exit status: 0 pass, 1 fail, 77 skipped (no chromium or playwright-core).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
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
  page.on("console", m => { if (m.type() === "error" || m.type() === "warning") errors.push(m.text()); });
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
  check(errors.length === 0, `no console errors or warnings (${errors.join(" | ")})`);
  check(requests.length === 0, `no network requests (${requests.join(" ")})`);

  const charts = await page.$$eval(".chart", els => els.map(e => ({
    id: e.id, svg: !!e.querySelector("svg"),
    marks: e.querySelectorAll("svg path, svg rect, svg line, svg text, svg circle").length })));
  check(charts.length === 6 + 3 * nArrangements,
        `the two gains, the scatter, the acceptability map, the difference, the calibration and three charts per arrangement (${charts.length})`);
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

  // The questions first: the summary names the leader from the figures.
  const summary = await page.locator("#summary-text").textContent();
  check(/deters most: [0-9.]+ fewer attacks in 100/.test(summary), `the summary names the leader (${summary.slice(0, 80)})`);
  check(/hangs most on /.test(summary), "the summary says what the ordering hangs on");
  // The acceptability map has a cell per actor and arrangement.
  const cells = await page.$$eval("#chart-acceptability svg path[role='graphics-symbol'], #chart-acceptability svg .mark-rect path",
                                  els => els.length);
  check(cells >= 3 * nArrangements, `the acceptability map has its cells (${cells})`);
  // The timeline draws only obligations that act: Poland declined.
  const tl = await page.locator("#timeline-coalition-2025").textContent();
  check(!tl.includes("POL") && tl.includes("FRA"), "the timeline leaves out obligations that do not act");
  check(tl.includes("commitment"), "the timeline's legend tells firm from not firm");
  const gainLabels = await page.locator("#chart-gain").textContent();
  check(!gainLabels.includes("undefined"), "the gain chart labels every row");

  // The scenario selector switches the table and the chart without a rerun.
  const attackCol = () => page.$$eval("#comparison-table tbody tr", trs => trs.map(t => t.children[4].textContent).join("|"));
  const before = await attackCol();
  const svgOf = id => page.$eval("#" + id + " svg", e => e.outerHTML);
  const switched = ["chart-gain", "chart-gain-successes", "chart-deterrence"];
  const chartsBefore = await Promise.all(switched.map(svgOf));
  await page.selectOption("#scenario-select", "after-ceasefire-strike-kyiv");
  await page.waitForTimeout(300);
  await page.evaluate(() => Promise.all(charts).then(() => true));
  const after = await attackCol();
  check(before !== after, "another scenario changes the table's figures");
  const chartsAfter = await Promise.all(switched.map(svgOf));
  switched.forEach((id, i) => check(chartsBefore[i] !== chartsAfter[i], `another scenario redraws ${id}`));
  check((await page.locator("#scenario-meta").textContent()).includes("strike on Kyiv"), "the page says which scenario it shows");
  await page.selectOption("#scenario-select", "after-ceasefire-hybrid-attack");
  await page.waitForTimeout(300);
  check(await page.locator("#scenario-refused").isVisible() &&
        (await page.locator("#scenario-refused").textContent()).includes("no sub-model for hybrid"),
        "a refused scenario says why");
  await page.selectOption("#scenario-select", { index: 0 });
  await page.waitForTimeout(300);
  // The filter hides the rows that do not match.
  await page.fill("#row-filter", "nato");
  const shown = await page.$$eval("#comparison-table tbody tr", trs => trs.filter(t => !t.hidden).length);
  check(shown === 2, `the filter keeps the two NATO rows (${shown})`);
  await page.fill("#row-filter", "");

  // Downloads: the table as CSV, a chart as SVG and PNG.
  const fetchDownload = async (locator) => {
    const [d] = await Promise.all([page.waitForEvent("download"), locator.click()]);
    const path = join(work, d.suggestedFilename());
    await d.saveAs(path);
    return { name: d.suggestedFilename(), bytes: readFileSync(path) };
  };
  const csv = await fetchDownload(page.locator("#comparison .tools button[data-download=csv]").first());
  const csvText = csv.bytes.toString("utf8");
  check(csv.name === "comparison.csv" && csvText.startsWith("Arrangement") &&
        csvText.trim().split("\n").length === nArrangements + 1, `the table downloads as CSV (${csv.name})`);
  const gainTools = page.locator("#chart-gain").locator("xpath=preceding-sibling::div[1]");
  const svg = await fetchDownload(gainTools.locator("button[data-download=svg]"));
  check(svg.name === "chart-gain.svg" && svg.bytes.toString("utf8").includes("<svg"), "a chart downloads as SVG");
  const png = await fetchDownload(gainTools.locator("button[data-download=png]"));
  check(png.name === "chart-gain.png" && png.bytes.subarray(1, 4).toString() === "PNG", "a chart downloads as PNG");

  // Print: A4, no sticky header over the rows, rows kept whole.
  await page.emulateMedia({ media: "print" });
  const printed = await page.evaluate(() => ({
    sticky: [...document.querySelectorAll("th")].some(th => getComputedStyle(th).position === "sticky"),
    rows: [...document.querySelectorAll("#comparison-table tbody tr")].every(tr =>
      getComputedStyle(tr).breakInside === "avoid" && tr.getBoundingClientRect().height > 0),
    tools: [...document.querySelectorAll(".tools")].every(t => getComputedStyle(t).display === "none") }));
  check(!printed.sticky, "printed, no header is sticky over the rows");
  check(printed.rows, "printed, every row is shown and kept whole");
  check(printed.tools, "printed, the buttons are left out");
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
  check(pages >= 4 && pages <= 120, `the report prints on A4 (${pages} pages)`);
  await page.emulateMedia({ media: "screen" });

  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`screenshot: ${screenshot}`);
  const shots = join(dirname(screenshot), "report-screenshots");
  mkdirSync(shots, { recursive: true });
  for (const id of ["summary", "comparison", "acceptability", "difference", "arr-coalition-2025", "history", "priors", "limits"]) {
    await page.locator("#" + id).screenshot({ path: join(shots, id + ".png") });
  }
  console.log(`screenshots of each section: ${shots}`);

  // A phone's width: nothing wider than the screen but inside its own scroller.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.waitForTimeout(200);
  const wide = await page.evaluate(() => document.scrollingElement.scrollWidth);
  check(wide <= 376, `the page fits a phone's width (${wide} px)`);
  await page.screenshot({ path: join(shots, "phone.png") });
  await context.close();
} catch (e) {
  failures.push(String(e && e.stack || e));
  console.log("FAIL - " + e);
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`${failures.length ? "FAILED" : "passed"}: ${failures.length} failure(s)`);
process.exit(failures.length ? 1 : 0);
