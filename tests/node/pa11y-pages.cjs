// Runs pa11y (HTML_CodeSniffer, WCAG2AA) on many pages in ONE browser, Debian's chromium.
//   node tests/node/pa11y-pages.cjs CHROMIUM_PATH '["--no-sandbox", ...]' URL...
// Prints one JSON object: {url: [issue, ...]} with every error, warning and notice pa11y reports.
"use strict";
const pa11y = require("pa11y");
const puppeteer = require("puppeteer");

async function main() {
  const [executablePath, args, ...urls] = process.argv.slice(2);
  const browser = await puppeteer.launch({ executablePath, args: JSON.parse(args), headless: true });
  const results = {};
  try {
    for (const url of urls) {
      const page = await browser.newPage();
      const report = await pa11y(url, { browser, page, runners: ["htmlcs"], standard: "WCAG2AA", timeout: 60000 });
      results[url] = report.issues;
      await page.close();
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => { console.error(error); process.exit(1); });
