// Drives Debian's firefox-esr over WebDriver BiDi (puppeteer-core, no browser download) for
// tests/test_firefox.py. One Firefox for the whole run; pytest asks for one scenario at a time:
//   stdin:  {"scenario": "name", "args": {...}}            (one JSON object per line)
//   stdout: {"ok": true, "result": ...} or {"ok": false, "error": "..."}
// The first line it prints is {"ready": "<browser version>"}. Each scenario gets a fresh browser
// context (its own, empty storage) and fails on any JavaScript error in its pages (Firefox reports
// what the Content-Security-Policy blocks as one too).
import readline from 'node:readline';
import puppeteer from 'puppeteer-core';
import * as scenarios from './scenarios.mjs';

const browser = await puppeteer.launch({
  browser: 'firefox',
  protocol: 'webDriverBiDi',
  executablePath: process.env.FIREFOX || '/usr/bin/firefox-esr',
  headless: true,
  // puppeteer lets every file:// page read every other one; users' Firefox keeps one origin per
  // file, and the offline copy must be tested as users run it.
  extraPrefsFirefox: {'security.fileuri.strict_origin_policy': true},
});

function reply(message) {
  process.stdout.write(JSON.stringify(message) + '\n');
}

async function run({scenario, args}) {
  const test = scenarios[scenario];
  if (!test) throw new Error(`no Firefox scenario called ${scenario}`);
  const context = await browser.createBrowserContext();
  const errors = [];
  // open(url, {expectErrors: true}): that page's errors go to page.expectedErrors for the scenario to check.
  const open = async (url, {expectErrors = false} = {}) => {
    const page = await context.newPage();
    page.expectedErrors = [];
    page.on('pageerror', (error) => (expectErrors ? page.expectedErrors : errors).push(String(error)));
    if (url) await scenarios.load(page, url);
    return page;
  };
  try {
    const result = await test(open, args || {});
    if (errors.length) throw new Error(`JavaScript errors on the page: ${errors.join('; ')}`);
    return result ?? null;
  } finally {
    await context.close();
  }
}

reply({ready: await browser.version()});
for await (const line of readline.createInterface({input: process.stdin})) {
  if (!line.trim()) continue;
  try {
    reply({ok: true, result: await run(JSON.parse(line))});
  } catch (error) {
    reply({ok: false, error: String(error && error.stack || error)});
  }
}
await browser.close();
