// Browser tests of the Slipway delivery report (the CLI's self-contained HTML and the Jenkins pages' mount).
// Run by DeliveryReportBrowserTest, which writes the fixtures with the real engine code and passes:
//   CHROMIUM (Debian's /usr/bin/chromium), FIXTURES, FRONT_END (the shared CSS/JS), SCREENSHOTS.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile, mkdir } from "node:fs/promises";
import { join, extname } from "node:path";
import { chromium } from "playwright-core";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these tests through DeliveryReportBrowserTest`);
  return value;
};
const FIXTURES = env("FIXTURES");
const FRONT_END = env("FRONT_END");
const SCREENSHOTS = env("SCREENSHOTS");
const DIGEST = "sha256:4f9a1c0e" + "7d3b5a2f".repeat(7);
const OLD_DIGEST = "sha256:1b2c3d4e" + "5f6a7b8c".repeat(7);

// What index.jelly will hold in Jenkins: a mount point, the shared stylesheet and script, nothing else.
const mountPage = (title) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/static/slipway-report.css"></head>
<body><main><h1>${title}</h1><div data-slipway-report data-src="api/json"></div></main>
<script src="/static/slipway-report.js"></script></body></html>`;

const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json" };

let server;
let base;
let browser;

async function send(res, file) {
  try {
    const body = await readFile(file);
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] || "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404).end("not found");
  }
}

before(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url, "http://127.0.0.1").pathname;
    const routes = {
      "/job/shop/slipway/": () => res.writeHead(200, { "Content-Type": TYPES[".html"] }).end(mountPage("Environments")),
      "/job/shop/slipway/api/json": () => send(res, join(FIXTURES, "slipway-deliveries.json")),
      "/job/shop/33/slipway/": () => res.writeHead(200, { "Content-Type": TYPES[".html"] }).end(mountPage("Deliveries")),
      "/job/shop/33/slipway/api/json": () => send(res, join(FIXTURES, "run-records.json")),
      "/job/gone/slipway/": () => res.writeHead(200, { "Content-Type": TYPES[".html"] }).end(mountPage("Environments")),
    };
    if (routes[path]) return routes[path]();
    if (path.startsWith("/static/")) return send(res, join(FRONT_END, path.slice("/static/".length).replace(/[^\w.-]/g, "")));
    if (path.startsWith("/reports/")) return send(res, join(FIXTURES, path.slice("/reports/".length).replace(/[^\w.-]/g, "")));
    res.writeHead(404).end("not found");
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  await mkdir(SCREENSHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: env("CHROMIUM"),
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server.close(resolve));
});

/** A page in UTC with clipboard access; any dialog (an injected alert) or page error fails the test. */
async function open(path, { clipboard = true, width = 1200 } = {}) {
  const context = await browser.newContext({ timezoneId: "UTC", locale: "en-GB", viewport: { width, height: 900 } });
  if (clipboard) await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
  const page = await context.newPage();
  const problems = [];
  page.on("dialog", (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  await page.goto(base + path);
  await page.waitForSelector("[data-slipway-report][data-rendered]");
  return { page, context, problems };
}

async function shoot(page, name) {
  await page.screenshot({ path: join(SCREENSHOTS, name + ".png"), fullPage: true });
}

const text = (locator) => locator.innerText();

/** Every visible text in the report against its background: WCAG AA (4.5:1) for normal text. */
async function lowContrast(page) {
  return page.evaluate(() => {
    const rgb = (s) => (s.match(/[\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => {
      const c = [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
      return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    };
    const background = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const bad = [];
    document.querySelectorAll(".sw-report *").forEach((el) => {
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (!own || !el.offsetParent || el.closest(".sw-visually-hidden")) return;
      const fg = lum(rgb(getComputedStyle(el).color));
      const bg = lum(background(el));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      if (ratio < 4.5) bad.push(`${el.className || el.tagName}: "${el.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}:1`);
    });
    return bad;
  });
}

test("a push delivery: facts, timeline, diff, links, and the digest copies", async () => {
  const { page, context, problems } = await open("/reports/push.html");
  const card = page.locator("article.sw-card");
  assert.equal(await card.count(), 1);
  assert.equal(await text(card.locator("h3")), "staging \u00b7 Push");
  assert.match(await text(card.locator(".sw-card-head .sw-badge")), /Succeeded/);
  assert.match(await text(card.locator(".sw-when")), /2026-11-26 09:30:00 \u00b7 took 1 min 40 s/);
  assert.equal(await text(card.locator(".sw-digest-value")), DIGEST);
  assert.match(await text(card.locator(".sw-facts")), /cluster aks-staging, namespace shop/);
  assert.match(await text(card.locator(".sw-facts")), /50\.0 MiB/);
  assert.deepEqual(await card.locator(".sw-phase .sw-phase-name").allInnerTexts(), ["build", "push", "deploy", "wait"]);
  assert.match(await text(card.locator(".sw-phase").nth(0)), /Succeeded \u00b7 40 s/);
  assert.match(await text(card.locator(".sw-phase").nth(3)), /3 of 3 replicas ready/);
  const change = card.locator(".sw-changes tbody tr");
  assert.equal(await change.count(), 1);
  assert.equal(await text(change.locator(".sw-old")), "shop.azurecr.io/shop/web:1.4.1@" + OLD_DIGEST);
  assert.equal(await text(change.locator(".sw-new")), "shop.azurecr.io/shop/web:1.4.2@" + DIGEST);
  assert.equal(await card.getByRole("link", { name: "Jenkins run #31" }).getAttribute("href"), "https://jenkins.example/job/shop/31/");
  assert.equal(await card.getByRole("link", { name: "#31", exact: true }).getAttribute("href"), "https://jenkins.example/job/shop/31/");

  // keyboard: Tab reaches the copy button, Enter copies the full digest
  const copy = card.getByRole("button", { name: "Copy digest " + DIGEST });
  for (let i = 0; i < 20 && !(await copy.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press("Tab");
  assert.ok(await copy.evaluate((b) => b === document.activeElement), "the copy button is reachable with Tab");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector(".sw-copy").textContent === "Copied");
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), DIGEST);
  assert.equal(await text(page.locator(".sw-live")), "digest copied to the clipboard");

  assert.deepEqual(await lowContrast(page), []);
  await shoot(page, "push-delivery");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a GitOps delivery waiting for sync shows what it waits for, the commit, pull request and Argo CD", async () => {
  const { page, context, problems } = await open("/reports/gitops-waiting.html");
  const card = page.locator("article.sw-card");
  assert.equal(await text(card.locator("h3")), "prod \u00b7 GitOps");
  assert.match(await text(card.locator(".sw-card-head .sw-badge")), /Running/);
  const wait = card.locator(".sw-phase").last();
  assert.match(await text(wait), /wait\s+Running\s+OutOfSync \/ Progressing/);
  assert.deepEqual(await card.locator(".sw-phase .sw-phase-name").allInnerTexts(),
    ["build", "push", "update", "commit", "pull-request", "wait"]);
  assert.match(await text(card.locator(".sw-facts")), /https:\/\/git\.example\/platform\/gitops\.git branch main path apps\/shop\/overlays\/prod/);
  assert.equal(await card.getByRole("link", { name: "c0ffee0123" }).getAttribute("href"),
    "https://git.example/platform/gitops/commit/c0ffee0123456789abcdef0123456789abcdef01");
  assert.equal(await card.getByRole("link", { name: "#57" }).getAttribute("href"), "https://git.example/platform/gitops/pull/57");
  assert.equal(await card.getByRole("link", { name: "shop-prod in Argo CD" }).getAttribute("href"),
    "https://argocd.example/applications/shop-prod");
  const rows = card.locator(".sw-changes tbody tr");
  assert.equal(await rows.count(), 2);
  assert.match(await text(rows.nth(0)), /images\[0\]\.newTag\s+1\.4\.1\s*\u2192\s*changed to\s*1\.4\.2/);
  assert.match(await text(rows.nth(1)), new RegExp("images\\[0\\]\\.digest\\s+\\(added\\)\\s*" + DIGEST));
  assert.deepEqual(await lowContrast(page), []);
  await shoot(page, "gitops-waiting-for-sync");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a failed and rolled-back delivery shows the reason as text, and hostile data stays inert", async () => {
  const { page, context, problems } = await open("/reports/rolled-back.html");
  const card = page.locator("article.sw-card");
  assert.match(await text(card.locator(".sw-card-head .sw-badge")), /Rolled back/);
  assert.equal(await text(card.locator(".sw-failure")),
    "Failed in wait: Deployment/shop/web: ImagePullBackOff </script><img src=x onerror=alert('xss')> after 120 s");
  assert.equal(await page.locator(".sw-report img").count(), 0, "markup in a record never becomes elements");
  const phases = card.locator(".sw-phase");
  assert.deepEqual(await phases.locator(".sw-phase-name").allInnerTexts(), ["build", "push", "deploy", "wait", "prune", "rollback"]);
  assert.match(await text(phases.nth(3)), /Failed \u00b7 2 min/);
  assert.match(await text(phases.nth(4)), /Skipped/);
  assert.match(await text(phases.nth(5)), /Succeeded \u00b7 20 s\s+rolled back to revision 6/);
  assert.equal(await card.getByRole("link", { name: "javascript link" }).count(), 0, "a javascript: URL is not a link");
  assert.match(await text(card.locator(".sw-links")), /javascript link/);
  assert.deepEqual(await lowContrast(page), []);
  await shoot(page, "failed-and-rolled-back");
  assert.deepEqual(problems, []);
  await context.close();
});

test("without the clipboard API the copy button falls back to a selection copy", async () => {
  const { page, context, problems } = await open("/reports/push.html", { clipboard: false });
  await page.evaluate(() => Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true }));
  await page.locator(".sw-copy").click();
  await page.waitForFunction(() => document.querySelector(".sw-copy").textContent !== "Copy");
  const label = await text(page.locator(".sw-copy"));
  // headless Chromium allows execCommand('copy') after a click; where it is refused the digest is selected instead
  if (label === "Copied") {
    assert.equal(await text(page.locator(".sw-live")), "digest copied to the clipboard");
  } else {
    assert.equal(label, "Select and copy");
    assert.equal(await page.evaluate(() => String(window.getSelection())), DIGEST);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("the Jenkins job page: environments fetched from the JSON endpoint, history opens with the keyboard", async () => {
  const { page, context, problems } = await open("/job/shop/slipway/");
  const rows = page.locator("table.sw-environments tbody tr");
  assert.deepEqual(await rows.locator("th").allInnerTexts(), ["prod", "staging"]);
  const prod = page.locator('tr[data-environment="prod"]');
  // prod runs the last success (#29); the latest attempt (#32) is still waiting for sync
  assert.match(await text(prod.locator("td").nth(0)), new RegExp(OLD_DIGEST.slice(0, 19)));
  assert.match(await text(prod.locator("td").nth(1)), /2026-11-25 16:00:52/);
  assert.equal(await prod.getByRole("link", { name: "#29" }).getAttribute("href"), "https://jenkins.example/job/shop/29/");
  assert.match(await text(prod.locator("td").nth(3)), /Running\s+#32/);
  assert.match(await text(page.locator('tr[data-environment="staging"] td').nth(3)), /same as live/);

  const history = page.locator(".sw-history details");
  assert.equal(await history.count(), 4);
  assert.deepEqual(await history.evaluateAll((ds) => ds.map((d) => d.dataset.recordId)),
    ["d-gitops-32", "d-push-30", "d-push-31", "d-push-29"]);
  assert.equal(await page.locator(".sw-history summary a").count(), 0, "a summary is one control, with no link inside");
  await history.nth(1).locator("summary").focus();
  await page.keyboard.press("Enter");
  assert.ok(await history.nth(1).evaluate((d) => d.open));
  assert.match(await text(history.nth(1).locator(".sw-failure")), /ImagePullBackOff/);
  assert.deepEqual(await lowContrast(page), []);
  await shoot(page, "jenkins-job-environments");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the Jenkins run page shows a card per delivery of the run", async () => {
  const { page, context, problems } = await open("/job/shop/33/slipway/", { width: 800 });
  assert.equal(await text(page.locator("#sw-deliveries")), "Deliveries (2)");
  assert.deepEqual(await page.locator("article.sw-card").evaluateAll((as) => as.map((a) => a.dataset.recordId)),
    ["d-push-30", "d-gitops-32"]);
  await shoot(page, "jenkins-run-deliveries-narrow");
  assert.deepEqual(problems, []);
  await context.close();
});

test("an endpoint that fails is reported on the page, not a blank", async () => {
  const { page, context } = await open("/job/gone/slipway/");
  assert.equal(await text(page.getByRole("alert")), "Cannot load the deliveries: the server answered 404");
  await context.close();
});

test("the CLI report opened straight from disk renders under its own Content-Security-Policy", async () => {
  const context = await browser.newContext({ timezoneId: "UTC" });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  await page.goto("file://" + join(FIXTURES, "gitops-waiting.html"));
  await page.waitForSelector("[data-slipway-report][data-rendered='true']");
  assert.equal(await page.locator("article.sw-card").count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});
