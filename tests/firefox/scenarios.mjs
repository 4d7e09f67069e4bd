// What a user does in Firefox, one exported function per scenario (tests/test_firefox.py runs
// them through driver.mjs). Each gets `open(url)` for a new tab in a fresh profile and the
// scenario's arguments; it throws (node:assert) when the user would see something wrong.
import assert from 'node:assert/strict';

const TIMEOUT = 10_000;

// Wait until `condition` (run in the page) is true; fail with a message a person can read, and
// what the fields held then. Checked every 20 ms: a field's value changes without a DOM mutation.
async function until(page, condition, message, ...args) {
  try {
    await page.waitForFunction(condition, {timeout: TIMEOUT, polling: 20}, ...args);
  } catch (error) {
    const filled = await page.evaluate(() => [...document.querySelectorAll('.md-content input[id], .md-content textarea[id]')]
      .filter((control) => (/^(checkbox|radio)$/.test(control.type) ? control.checked : control.value)).slice(0, 5)
      .map((control) => `${control.id}=${JSON.stringify(control.value)}`).join(', ')).catch(() => '?');
    throw new Error(`${message} (${page.url()}; filled then: ${filled || 'nothing'})`, {cause: error});
  }
}

export async function load(page, url) {
  await page.goto(url);
  await until(page, () => document.documentElement.classList.contains('wb-js'), 'the worksheet script did not start');
}

// These look the element up inside the page: puppeteer's $eval costs three BiDi round trips in
// Firefox (about 75 ms), page.evaluate one (about 4 ms).
const value = (page, css) => page.evaluate((css) => document.querySelector(css).value, css);
const checked = (page, css) => page.evaluate((css) => document.querySelector(css).checked, css);
const shown = (page, css) => page.evaluate((css) => document.querySelector(css).checkVisibility({visibilityProperty: true}), css);
const text = (page, css) => page.evaluate((css) => document.querySelector(css).innerText, css);

// Click as a user would, with the element in the middle of the screen (not under the sticky header).
async function click(page, css) {
  await page.evaluate((css) => document.querySelector(css).scrollIntoView({block: 'center'}), css);
  await page.click(css);
}

// A value handed over in one go, as the browser's date picker does and as pasted text arrives:
// the value is set and "input" fires (typing key by key is what everyFieldKindSurvivesAReload does).
function handOver(page, css, value) {
  return page.evaluate((css, value) => {
    const element = document.querySelector(css);
    element.value = value;
    element.dispatchEvent(new Event('input', {bubbles: true}));
  }, css, value);
}
const pickDate = handOver;
const paste = handOver;

export async function everyFieldKindSurvivesAReload(open, {url}) {
  const page = await open(url);
  assert.equal(await page.$('[data-wb-offline-notice]'), null, 'the offline notice shows on the online site');
  assert.equal(await shown(page, '#wb-vb-janee-welke'), false, "follow-up shown before 'ja' was chosen");
  await page.type('#wb-kop-naam', 'Sanne de Vries');
  await page.type('#wb-vb-tekst', 'IDO Centrale');
  await page.type('#wb-vb-lang', 'Regel een\nRegel twee');
  await pickDate(page, '#wb-vb-datum', '2026-03-14');
  await click(page, "label[for='wb-vb-janee--ja']");
  await until(page, () => document.getElementById('wb-vb-janee-welke').checkVisibility(), "the follow-up for 'ja' did not open");
  await page.type('#wb-vb-janee-welke', 'Honderd vragen per jaar');
  await click(page, "label[for='wb-vb-keuze--deels']");
  await click(page, "label[for='wb-vb-meer--spreekuren']");
  await click(page, "label[for='wb-vb-meer--anders']");
  await until(page, () => document.getElementById('wb-vb-meer-anders').checkVisibility(), "'Anders, namelijk' did not open");
  await page.type('#wb-vb-meer-anders', 'Koffieochtend');
  await click(page, '#wb-vb-tabel--veld [data-wb-add-row]');
  await until(page, () => document.activeElement && document.activeElement.id === 'wb-vb-tabel--3--partner',
    'no row was added, or the cursor did not move to it');
  await page.keyboard.type('Humanitas');
  await page.select('#wb-vb-tabel--3--richting', 'beide');

  await page.reload();
  await until(page, () => document.documentElement.classList.contains('wb-js'), 'the worksheet script did not start after reload');
  await until(page, () => document.getElementById('wb-vb-tekst').value === 'IDO Centrale', 'the answers did not come back');
  assert.equal(await value(page, '#wb-kop-naam'), 'Sanne de Vries');
  assert.equal(await value(page, '#wb-vb-lang'), 'Regel een\nRegel twee');
  assert.equal(await value(page, '#wb-vb-datum'), '2026-03-14');
  assert.equal(await checked(page, '#wb-vb-janee--ja'), true);
  assert.equal(await shown(page, '#wb-vb-janee-welke'), true, 'the follow-up is hidden after reload');
  assert.equal(await value(page, '#wb-vb-janee-welke'), 'Honderd vragen per jaar');
  assert.equal(await checked(page, '#wb-vb-keuze--deels'), true);
  assert.equal(await checked(page, '#wb-vb-meer--spreekuren'), true);
  assert.equal(await checked(page, '#wb-vb-meer--cursussen'), false);
  assert.equal(await checked(page, '#wb-vb-meer--anders'), true);
  assert.equal(await value(page, '#wb-vb-meer-anders'), 'Koffieochtend');
  assert.equal((await page.$$('#wb-vb-tabel--veld tbody [data-wb-row]')).length, 3, 'the added row is gone');
  assert.equal(await value(page, '#wb-vb-tabel--3--partner'), 'Humanitas');
  assert.equal(await value(page, '#wb-vb-tabel--3--richting'), 'beide');
}

export async function instantNavigationRoundTrip(open, {url}) {
  const page = await open(url);
  const here = new URL(url).pathname;
  await page.evaluate(() => { window.__sameDocument = true; });
  await page.type('#wb-vb-tekst', 'Getypt en meteen weg');
  await click(page, '.md-footer__link--prev');  // straight away, no pause
  await until(page, (here) => location.pathname !== here, 'the link did not navigate', here);
  await page.goBack();
  await until(page, (here) => location.pathname === here && document.getElementById('wb-vb-tekst')
    && document.getElementById('wb-vb-tekst').value === 'Getypt en meteen weg',
    'the text was not there after coming back', here);
  assert.equal(await page.evaluate(() => window.__sameDocument === true), true, 'navigation was not instant');
  await page.focus('#wb-vb-tekst');
  await page.keyboard.press('End');
  await page.keyboard.type(', en weer terug');
  await page.reload();
  await until(page, () => document.getElementById('wb-vb-tekst').value === 'Getypt en meteen weg, en weer terug',
    'typing after the round trip was not saved');
}

export async function twoTabsKeepBothAnswers(open, {url}) {
  const first = await open(url);
  const second = await open(url);  // loaded before the first tab typed
  await first.bringToFront();
  await first.type('#wb-vb-tekst', 'Uit tab een');
  await second.bringToFront();
  await second.type('#wb-vb-lang', 'Uit tab twee');
  await until(second, () => document.getElementById('wb-vb-tekst').value === 'Uit tab een',
    "the second tab did not show the first tab's answer");
  await first.bringToFront();
  await until(first, () => document.getElementById('wb-vb-lang').value === 'Uit tab twee',
    "the first tab did not show the second tab's answer");
  await first.reload();
  await until(first, () => document.getElementById('wb-vb-tekst').value === 'Uit tab een'
    && document.getElementById('wb-vb-lang').value === 'Uit tab twee', 'after reload one of the two answers is gone');
}

// Fill every visible field on the page; returns {field id: [texts the plan must show]}. The page
// gets what a user's clicks and pastes give it (filling is not what the plan test is about; the
// reload test types and clicks for real). Texts: "Antw <n>." pasted; yes/no "ja"; choice the last
// option; multi every option; a table's first row.
async function fillEveryField(page, counter) {
  const expected = {};
  for (;;) {  // a 'ja' opens follow-up questions: look again until every visible field is done
    const fields = await page.evaluate((done) => [...document.querySelectorAll('[data-wb-field]')]
      .filter((root) => !done.includes(root.dataset.wbField) && root.checkVisibility())
      .map((root) => {
        const id = root.dataset.wbField;
        const label = (input) => ({id: input.id, text: root.querySelector(`label[for='${input.id}']`).innerText});
        return {id, kind: root.dataset.wbKind,
          options: [...root.querySelectorAll(`input[name='${id}']`)].map(label),
          cells: [...root.querySelectorAll('[data-wb-row]:first-child [data-wb-column] :is(input, textarea, select)')]
            .map((control) => ({id: control.id, type: control.type, option: control.options && control.options[1].value,
              optionText: control.options && control.options[1].text}))};
      }), Object.keys(expected));
    if (!fields.length) return expected;
    for (const {id, kind, options, cells} of fields) {
      const nextText = () => `Antw ${++counter.n}.`;  // the full stop: "Antw 1." is no part of "Antw 10."
      if (kind === 'text' || kind === 'long') {
        expected[id] = [nextText()];
        await paste(page, `#wb-${id}`, expected[id][0]);
      } else if (kind === 'date') {
        await pickDate(page, `#wb-${id}`, '2026-03-01');
        expected[id] = ['2026'];
      } else if (kind === 'yesno' || kind === 'choice' || kind === 'multi') {
        const chosen = kind === 'yesno' ? options.filter((o) => o.id.endsWith('--ja'))
          : kind === 'choice' ? options.slice(-1) : options;
        await page.evaluate((ids) => ids.forEach((id) => document.querySelector(`label[for='${id}']`).click()),
          chosen.map((option) => option.id));
        // "Anders, namelijk" shows the typed text of its own follow-up field instead of its label
        expected[id] = chosen.filter((o) => !o.id.endsWith('--anders')).map((o) => o.text);
      } else if (kind === 'table') {
        expected[id] = [];
        for (const cell of cells) {
          if (cell.option) {
            await page.select(`#${cell.id}`, cell.option);
            expected[id].push(cell.optionText);
          } else if (cell.type === 'date') {
            await pickDate(page, `#${cell.id}`, '2026-03-01');
          } else {
            expected[id].push(nextText());
            await paste(page, `#${cell.id}`, expected[id].at(-1));
          }
        }
      } else {
        throw new Error(`unknown field kind ${kind} for ${id}: teach fillEveryField about it`);
      }
    }
  }
}

export async function thePlanShowsEveryAnswer(open, {url, sheets, plan}) {
  const page = await open();
  const expected = {};
  const counter = {n: 0};
  for (const sheet of sheets) {
    await load(page, url + sheet);
    Object.assign(expected, await fillEveryField(page, counter));
  }
  await load(page, url + plan);
  await until(page, () => document.querySelector('[data-wb-answer]'), 'the plan shows no answers');
  const shownInPlan = await page.evaluate(() =>
    Object.fromEntries([...document.querySelectorAll('[data-wb-answer]')].map((row) => [row.dataset.wbAnswer, row.innerText])));
  const content = await text(page, '.md-content');
  const missing = [];
  for (const [id, texts] of Object.entries(expected)) {
    const where = id in shownInPlan ? shownInPlan[id] : content;  // header answers are not per question
    for (const piece of texts) if (!where.includes(piece)) missing.push(`${id}: ${piece}`);
  }
  assert.deepEqual(missing, [], 'the plan does not show these answers');
  return Object.keys(expected).length;
}

export async function answerTextWithHtmlStaysText(open, {url, sheet, plan}) {
  const markup = '<img src=x onerror="window.__wbInjected=1"><b>vet</b> & <i>schuin</i>';
  const page = await open(url + sheet);
  await page.type('#wb-w1-agenda', markup);
  await page.type('#wb-kop-naam', markup);
  await page.reload();
  await until(page, (markup) => document.getElementById('wb-w1-agenda').value === markup, 'the answer came back changed', markup);
  await load(page, url + plan);
  await until(page, () => document.querySelector("[data-wb-answer='w1-agenda']"), 'the plan does not show the answer');
  const row = await page.evaluate(() => {
    const row = document.querySelector("[data-wb-answer='w1-agenda']");
    return {text: row.innerText, elements: row.querySelectorAll('img, b, i').length};
  });
  assert.ok(row.text.includes(markup), `the plan does not show the text literally: ${row.text}`);
  assert.equal(row.elements, 0, 'the answer turned into HTML elements');
  assert.equal(await page.evaluate(() => document.querySelectorAll('.md-content img[src="x"], .md-content b').length), 0);
  assert.equal(await page.evaluate(() => window.__wbInjected), undefined, 'script in an answer ran');
}

// The offline copy opened from disk (file://): Firefox shows why answers do not travel between pages.
export async function offlineNotice(open, {pages}) {
  const seen = [];
  for (const url of pages) {
    const page = await open(url);
    const notice = await page.$('[data-wb-offline-notice]');
    const state = notice && await notice.evaluate((element) => ({
      visible: element.checkVisibility({visibilityProperty: true}),
      role: element.getAttribute('role'),
      text: element.innerText,
      typedYet: Boolean(document.querySelector('[data-wb-field] input:checked')),
    }));
    seen.push(state);
    await page.close();
  }
  return seen;
}

// The site with the CSP probe in every page (tests/test_csp.py): every state a user reaches, then
// the violations the probe collected (kept across page loads in sessionStorage). Also the page with
// an injected inline script and handler: they must not run and must be reported.
export async function cspInEveryState(open, {url, sheets, plan, injected}) {
  const page = await open();
  const violations = () => page.evaluate(() => window.__cspViolations || ['the CSP probe did not run']);
  const seen = {};

  await load(page, url);
  await page.evaluate(() => {
    const input = document.querySelector('.md-search__input');
    document.getElementById('__search').checked = true;
    input.focus();
    input.value = 'gemeente';
    input.dispatchEvent(new Event('input', {bubbles: true}));
    input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: 'e'}));
  });
  await until(page, () => document.querySelectorAll('.md-search-result__item').length > 0, 'search found nothing');
  seen['search open'] = await violations();

  for (const sheet of sheets) {  // as tests/test_csp.py: the first control of each kind
    await load(page, url + sheet);
    await page.evaluate(() => {
      const first = (css) => document.querySelector('[data-wb-field] ' + css);
      const type = (control, text) => { control.value = text; control.dispatchEvent(new Event('input', {bubbles: true})); };
      type(first('input[type=text]'), 'CSP-proef');
      if (first('textarea')) type(first('textarea'), 'Regel een\nRegel twee');
      for (const css of ['input[type=radio]', 'input[type=checkbox]', '[data-wb-add-row]']) if (first(css)) first(css).click();
    });
    await page.reload();
    await until(page, () => document.documentElement.classList.contains('wb-js'), 'the worksheet did not start after reload');
    assert.equal(await value(page, '[data-wb-field] input[type=text]'), 'CSP-proef', `the answer was not kept on ${sheet}`);
  }
  seen['worksheets filled and reloaded'] = await violations();

  await load(page, url + plan);
  await until(page, () => document.querySelector('[data-wb-export-json]') && !document.querySelector('[data-wb-sets-body]').hidden,
    'the werkmappen block did not start');
  await page.evaluate(() => {
    window.print = () => {
      window.__printed = (window.__printed || 0) + 1;
      window.dispatchEvent(new Event('beforeprint'));
      window.dispatchEvent(new Event('afterprint'));
    };
    document.querySelectorAll('[data-wb-print-plan], [data-wb-print-page], [data-wb-print-blank]').forEach((b) => b.click());
  });
  await until(page, () => window.__printed >= 1, 'nothing was printed');
  seen['plan printed'] = await violations();

  await page.evaluate(() => {
    const create = URL.createObjectURL;
    URL.createObjectURL = (blob) => {
      if (blob.type === 'application/json') blob.text().then((text) => { window.__backup = text; });
      return create.call(URL, blob);
    };
    document.querySelector('[data-wb-export-json]').click();
    document.querySelector('[data-wb-export-text]').click();
  });
  await until(page, () => window.__backup, 'no back-up was exported');
  seen['exported'] = await violations();

  await page.evaluate(() => {
    const input = document.querySelector('[data-wb-import-file]');
    const files = new DataTransfer();
    files.items.add(new File([window.__backup], 'back-up.json', {type: 'application/json'}));
    input.files = files.files;
    input.dispatchEvent(new Event('change', {bubbles: true}));
  });
  await until(page, () => !document.querySelector('[data-wb-import-preview]').hidden, 'no import preview');
  await click(page, '[data-wb-import-new]');
  await until(page, () => document.querySelectorAll('[data-wb-switch-set]').length >= 1, 'the import made no werkmap');
  seen['imported with preview'] = await violations();

  await page.evaluate(() => {
    const name = document.getElementById('wb-nieuwe-werkmap');
    name.value = 'Gemeente CSP';
    name.form.requestSubmit();
  });
  await until(page, () => document.querySelector('[data-wb-active-set]').textContent.includes('Gemeente CSP'),
    'the new werkmap is not active');
  await click(page, '[data-wb-switch-set]');
  await until(page, () => !document.querySelector('[data-wb-active-set]').textContent.includes('Gemeente CSP'),
    'switching werkmap did nothing');
  await load(page, url + sheets[0]);
  seen['werkmappen switched'] = await violations();
  assert.equal(await page.evaluate(() => window.__wbFuzzRan), undefined);

  // The policy bites: an inline script and an inline handler in a built page are blocked and reported.
  const attacked = await open(undefined, {expectErrors: true});
  await load(attacked, url + injected);
  await until(attacked, () => window.__cspViolations.length >= 2, 'the injected script was not reported');
  const bites = await attacked.evaluate(() => ({pwned: window.__pwned === undefined ? null : window.__pwned,
    blocked: window.__cspViolations.filter((v) => v.page.endsWith('csp-proef.html'))
      .map((v) => `${v.directive.replace(/^script-src$/, 'script-src-elem')} ${v.blocked}`)}));
  bites.errors = attacked.expectedErrors;
  return {seen, bites};
}
