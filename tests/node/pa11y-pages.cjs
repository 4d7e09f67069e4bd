// Runs pa11y (HTML_CodeSniffer, WCAG2AA) on many pages in ONE browser tab, Debian's chromium.
//   node tests/node/pa11y-pages.cjs CHROMIUM_PATH '["--no-sandbox", ...]' URL...
// Prints one JSON object: {url: [issue, ...]} with every error, warning and notice pa11y reports.
// Each page is opened here and checked once it is ready (pa11y's ignoreUrl), instead of pa11y's own
// navigation, which waits for 500 ms without network traffic on every page: ready is the load
// event, our engine's html.wb-js (the page's answers and parts are drawn) and the theme's search
// done initialising (its status line no longer shows the text the page was served with).
"use strict";
const pa11y = require("pa11y");
const puppeteer = require("puppeteer");

const VIEWPORT = { width: 1280, height: 1024 }; // pa11y's default
const META = /class="md-search-result__meta"[^>]*>([^<]*)</;

async function open(page, url) {
  const response = await page.goto(url, { waitUntil: "load", timeout: 60000 });
  const served = META.exec(await response.text());
  await page.waitForFunction((initialising) => {
    const meta = document.querySelector(".md-search-result__meta");
    return document.documentElement.classList.contains("wb-js") &&
      (initialising === null || !meta || meta.textContent.trim() !== initialising);
  }, { timeout: 60000 }, served ? served[1].trim() : null);
}

async function main() {
  const [executablePath, args, ...urls] = process.argv.slice(2);
  const browser = await puppeteer.launch({ executablePath, args: JSON.parse(args), headless: true });
  const results = {};
  try {
    const page = await browser.newPage(); // one tab, navigated from page to page
    await page.setViewport(VIEWPORT);
    for (const url of urls) {
      await open(page, url);
      const report = await pa11y(url, { browser, page, ignoreUrl: true, runners: ["htmlcs"], standard: "WCAG2AA",
                                        timeout: 60000, viewport: VIEWPORT });
      results[url] = report.issues;
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => { console.error(error); process.exit(1); });
