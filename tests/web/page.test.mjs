// The web page of vanban serve in Debian's chromium, driven by playwright-core (no browser is
// downloaded): fill a plan, see the preview change, fix a validation error, open a saved
// plan, download the PDF and the DOCX and read them back (pdftotext, unzip), and save a
// screenshot. Started by ctest:
//   node --test page.test.mjs   with VANBAN (the program), VANBAN_SOURCE_DIR, VANBAN_OUT_DIR
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

let chromium;
try {
  ({ chromium } = await import("playwright-core"));
} catch {
  throw new Error("playwright-core is missing: run scripts/install-deps --test (it runs npm ci in tests/web)");
}

const program = process.env.VANBAN;
const source = process.env.VANBAN_SOURCE_DIR;
const outDir = process.env.VANBAN_OUT_DIR || tmpdir();
const browserPath = process.env.VANBAN_CHROMIUM || "/usr/bin/chromium";
const work = mkdtempSync(path.join(tmpdir(), "vanban-web-"));
let server, browser, page, base;

// Starts `vanban serve` on a free loopback port and reads the address it prints.
function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(program, ["serve", "--listen", "127.0.0.1:0", "--templates", path.join(source, "templates"),
                                  "--web", path.join(source, "generator/serve/web"), "--fixed-date", "2026-01-01T00:00:00Z"],
                        { env: { ...process.env, VANBAN_LANG: "en" }, stdio: ["ignore", "ignore", "pipe"] });
    let said = "";
    child.stderr.on("data", (chunk) => {
      said += chunk;
      const url = said.match(/listening on (http:\/\/\S+)/);
      if (url) resolve({ child, url: url[1] });
    });
    child.on("exit", (code) => reject(new Error(`vanban serve exited (${code}): ${said}`)));
    setTimeout(() => reject(new Error(`vanban serve did not start: ${said}`)), 10000);
  });
}

// The number of previews shown so far, and a fingerprint of the first page's pixels.
async function previewState() {
  return page.evaluate(() => {
    const canvas = document.querySelector("#pages canvas");
    return { count: Number(document.getElementById("pages").dataset.previews || 0),
             pixels: canvas ? canvas.toDataURL().length + ":" + canvas.toDataURL().slice(-200) : "" };
  });
}

// Generous: the first preview starts pdf.js's worker, which a loaded 2-core machine parses
// in seconds; the later ones take well under one.
async function waitForPreviewAfter(count) {
  await page.waitForFunction((n) => Number(document.getElementById("pages").dataset.previews || 0) > n, count,
                             { timeout: 60000 });
  return previewState();
}

// Five pages: the seed-000 plan (six pages) without its first main section.
function fivePagePlan() {
  const data = JSON.parse(readFileSync(path.join(source, "data/000-quang-nam-ke-hoach-28.json"), "utf8"));
  data.sections = data.sections.slice(1);
  return data;
}

async function typeInto(fieldPath, value) {
  const box = page.locator(`[data-path="${fieldPath}"] > textarea, [data-path="${fieldPath}"] > input`).first();
  await box.fill(value);
}

before(async () => {
  assert.ok(program && source, "VANBAN and VANBAN_SOURCE_DIR must be set");
  assert.ok(existsSync(browserPath), `no browser at ${browserPath}: apt-get install chromium`);
  ({ child: server, url: base } = await startServer());
  browser = await chromium.launch({
    executablePath: browserPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const context = await browser.newContext({ locale: "vi-VN", acceptDownloads: true, viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  page.on("pageerror", (error) => { throw error; });
  await page.goto(base + "?template=ke-hoach");
  await waitForPreviewAfter(0);
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
});

test("the page is in Vietnamese and shows the example plan", async () => {
  assert.equal(await page.locator("#download-pdf").textContent(), "Tải PDF");
  assert.equal(await page.locator("[data-path='header.number'] > label").first().textContent(), "Số và ký hiệu");
  assert.ok(await page.locator("#pages canvas").count() >= 1);
});

test("typing changes the preview", async () => {
  const before = await previewState();
  await typeInto("header.number", "25-KH/CB");
  const afterTyping = await waitForPreviewAfter(before.count);
  assert.notEqual(afterTyping.pixels, before.pixels);
});

test("a list item can be added and the preview follows", async () => {
  const before = await previewState();
  const recipients = page.locator("fieldset[data-path='recipients']");
  await recipients.locator(":scope > div > .list > button.add").click();
  const items = recipients.locator(":scope > div > .list > .item");
  await items.last().locator("textarea").fill("Lưu Văn phòng");
  await waitForPreviewAfter(before.count);
  const model = await page.evaluate(() => window.vanbanPage.data.recipients);
  assert.equal(model[model.length - 1], "Lưu Văn phòng");
});

test("a character the PDF's font lacks is told after the status, and the warning goes when it does", async () => {
  const item = page.locator("fieldset[data-path='recipients'] > div > .list > .item").last().locator("textarea");
  let before = await previewState();
  await item.fill("Lưu Văn phòng 中");
  await waitForPreviewAfter(before.count);
  assert.match(await page.locator("#status").textContent(),
               /^đã cập nhật: .* — cảnh báo: phông chữ Times New Roman của tệp PDF không có hình chữ \(glyph\) cho 中 \(U\+4E2D\)/);
  before = await previewState();
  await item.fill("Lưu Văn phòng");
  await waitForPreviewAfter(before.count);
  assert.doesNotMatch(await page.locator("#status").textContent(), /cảnh báo/);
});

test("a validation error shows next to its field, and goes when fixed", async () => {
  await typeInto("header.number", "không có số");
  const problem = page.locator("[data-path='header.number'] .problem");
  await problem.waitFor({ timeout: 60000 });
  assert.ok((await problem.textContent()).length > 0);
  assert.ok(await page.locator("#errors").isVisible());
  const before = await previewState();
  await typeInto("header.number", "25-KH/CB");
  await waitForPreviewAfter(before.count);
  assert.equal(await page.locator(".problem:not(.local)").count(), 0);
  assert.ok(!(await page.locator("#errors").isVisible()));
});

test("a saved plan opens, and its preview comes back quickly", async () => {
  const before = await previewState();
  await page.locator("#load-file").setInputFiles(path.join(source, "data/000-quang-nam-ke-hoach-28.json"));
  await waitForPreviewAfter(before.count);
  const status = await page.locator("#status").textContent();
  // "đã cập nhật: tệp N ms, trang đầu N ms, cả 6 trang N ms": the round trip the page
  // measured (the PDF received, the page in view drawn, every page drawn), for docs/serve.md.
  console.log(`preview of data/000-quang-nam-ke-hoach-28.json: ${status}`);
  assert.match(status, /tệp \d+ ms, trang đầu \d+ ms, cả 6 trang \d+ ms/);
  assert.equal(await page.locator("#pages canvas").count(), 6);
});

test("the PDF and the DOCX download, named after the document", async () => {
  const [pdf] = await Promise.all([page.waitForEvent("download"), page.click("#download-pdf")]);
  assert.match(pdf.suggestedFilename(), /^Kế hoạch số .*\.pdf$/);
  const pdfPath = path.join(work, "plan.pdf");
  await pdf.saveAs(pdfPath);
  const text = execFileSync("pdftotext", ["-layout", pdfPath, "-"]).toString();
  assert.match(text, /KẾ HOẠCH/);

  const [docx] = await Promise.all([page.waitForEvent("download"), page.click("#download-docx")]);
  assert.match(docx.suggestedFilename(), /\.docx$/);
  const docxPath = path.join(work, "plan.docx");
  await docx.saveAs(docxPath);
  const xml = execFileSync("unzip", ["-p", docxPath, "word/document.xml"]).toString();
  assert.match(xml, /KẾ HOẠCH/);
});

test("the Dự thảo box makes the preview and the download a draft", async () => {
  await typeInto("header.number", "-KH/CB"); // a draft's number is its code alone
  let before = await previewState();
  await page.locator("#draft").check();
  await waitForPreviewAfter(before.count);
  assert.equal(await page.locator(".problem:not(.local)").count(), 0);
  const [pdf] = await Promise.all([page.waitForEvent("download"), page.click("#download-pdf")]);
  const pdfPath = path.join(work, "draft.pdf");
  await pdf.saveAs(pdfPath);
  assert.match(execFileSync("pdftotext", [pdfPath, "-"]).toString(), /DỰ THẢO/);
  before = await previewState();
  await page.locator("#draft").uncheck();
  await waitForPreviewAfter(before.count);
});

test("a Word draft imports into the form", async () => {
  // The DOCX the test before downloaded: the plan of data/000-quang-nam-ke-hoach-28.json.
  const saved = JSON.parse(readFileSync(path.join(source, "data/000-quang-nam-ke-hoach-28.json"), "utf8"));
  await page.evaluate(() => { window.vanbanPage.data.header.number = "1-KH/CB"; });
  const before = await previewState();
  await page.locator("#import-file").setInputFiles(path.join(work, "plan.docx"));
  await waitForPreviewAfter(before.count);
  assert.equal(await page.evaluate(() => window.vanbanPage.data.header.number), saved.header.number);
  assert.match(await page.locator("#status").textContent(), /^(đã nhập plan\.docx: giữ \d+\/\d+ từ|đã cập nhật)/);
  assert.equal(await page.locator("[data-path='header.number'] > input, [data-path='header.number'] > textarea").first().inputValue(),
               saved.header.number);
});

test("a CSV of branches comes back as a ZIP of their plans, with progress", async () => {
  const csv = path.join(work, "chi-bo.csv");
  writeFileSync(csv, "branch.code,header.number\nHC05,19-KH/CB\nTK02,20-KH/CB\n");
  // Every status the page shows from now on: a preview still on its way from the tests
  // before may finish after the batch and replace its status line before it is read.
  await page.evaluate(() => {
    const status = document.getElementById("status");
    window.statusHistory = [];
    new MutationObserver(() => window.statusHistory.push(status.textContent)).observe(status, { childList: true, characterData: true, subtree: true });
  });
  const [zip] = await Promise.all([page.waitForEvent("download", { timeout: 60000 }), page.locator("#batch-file").setInputFiles(csv)]);
  assert.equal(zip.suggestedFilename(), "ke-hoach.zip");
  const zipPath = path.join(work, "batch.zip");
  await zip.saveAs(zipPath);
  const listing = execFileSync("unzip", ["-Z1", zipPath]).toString().trim().split("\n").sort();
  assert.deepEqual(listing, ["HC05-ke-hoach.docx", "HC05-ke-hoach.pdf", "TK02-ke-hoach.docx", "TK02-ke-hoach.pdf", "manifest.json"]);
  const tk02 = execFileSync("unzip", ["-p", zipPath, "TK02-ke-hoach.pdf"]);
  assert.match(execFileSync("pdftotext", ["-", "-"], { input: tk02 }).toString(), /20-KH\/CB/);
  await page.waitForFunction(() => window.statusHistory.some((text) => text.startsWith("đã tạo hàng loạt: 2 bản ghi")), null,
                             { timeout: 10000 });
});

// The preview's round trip, measured by the browser (figures printed, not judged: the
// machine is shared): for each of ROUNDS edits of a five-page plan, from the page's request
// to the new PDF's page in view drawn ("shown") and to every page drawn ("all"), with the
// request itself (PerformanceResourceTiming) and the server's own share (its Server-Timing
// header: queue and render). docs/serve.md has the figures.
test("the preview's round trip for a five-page plan", async () => {
  const rounds = Number(process.env.VANBAN_PREVIEW_ROUNDS || 5);
  let before = await previewState();
  const plan = path.join(work, "five-pages.json");
  writeFileSync(plan, JSON.stringify(fivePagePlan()));
  await page.locator("#load-file").setInputFiles(plan);
  await waitForPreviewAfter(before.count);
  const figures = [];
  for (let round = 1; round <= rounds; round++) {
    before = await previewState();
    await page.evaluate(() => performance.clearResourceTimings());
    await typeInto("header.number", `${30 + round}-KH/TU`);
    await waitForPreviewAfter(before.count);
    figures.push(await page.evaluate(() => {
      const timing = window.vanbanPage.timing;
      const request = performance.getEntriesByType("resource").filter((e) => e.name.includes("/v1/render/")).pop();
      const server = {};
      for (const entry of request.serverTiming || []) server[entry.name] = entry.duration;
      return { pages: timing.pages, request: request.responseEnd - request.startTime, shown: timing.first - timing.started,
               all: timing.all - timing.started, render: server.render, queue: server.queue };
    }));
  }
  assert.ok(figures.every((f) => f.pages === 5), `a five-page plan: ${figures.map((f) => f.pages)}`);
  assert.ok(figures.every((f) => f.render > 0), "the server's Server-Timing reaches the page");
  const summary = (key) => {
    const sorted = figures.map((f) => f[key]).sort((a, b) => a - b);
    const ms = (value) => value.toFixed(value < 10 ? 1 : 0);
    return `median ${ms(sorted[Math.floor(sorted.length / 2)])} ms, worst ${ms(sorted[sorted.length - 1])} ms`;
  };
  const load = (await import("node:os")).loadavg().map((l) => l.toFixed(1)).join(" ");
  console.log(`preview round trip, five-page plan, ${rounds} edits, load average ${load}:\n` +
              `  shown (request -> the page in view drawn): ${summary("shown")}\n` +
              `  all five pages drawn:                      ${summary("all")}\n` +
              `  the request (fetch, PDF received):         ${summary("request")}\n` +
              `  the server's render (Server-Timing):       ${summary("render")}\n` +
              `  the server's queue wait:                   ${summary("queue")}`);
});

test("a screenshot of the page", async () => {
  await page.locator("#form").evaluate((form) => { form.parentNode.scrollTop = 0; });
  const file = path.join(outDir, "serve-page.png");
  await page.screenshot({ path: file });
  assert.ok(readFileSync(file).length > 10000);
});
