// Opens an HTML report in headless Chromium through the DevTools protocol
// and checks it as a reader uses it: no console errors or exceptions, no
// network request besides the page itself, both charts and the table
// present, filtering by rule (and by path, typed) leaves only matching
// rows, sorting orders the rows; then saves a screenshot.
//
// node --experimental-websocket html-browser.mjs CHROMIUM REPORT.html FINDINGS SCREENSHOT.png
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [chromiumPath, reportPath, expectedRows, screenshotPath] = process.argv.slice(2);
const profile = mkdtempSync(join(tmpdir(), "gotolint-chromium-"));
const browser = spawn(
  chromiumPath,
  [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-port=0",
    `--user-data-dir=${profile}`,
    "--window-size=1280,900",
    "about:blank",
  ],
  { stdio: ["ignore", "ignore", "pipe"] },
);

let passed = 0;
let failed = 0;
function check(ok, what) {
  if (ok) {
    passed++;
    console.log(`ok: ${what}`);
  } else {
    failed++;
    console.log(`FAILED: ${what}`);
  }
}

function finish(code) {
  browser.kill();
  try {
    rmSync(profile, { recursive: true, force: true });
  } catch {}
  process.exit(code);
}

const timer = setTimeout(() => {
  console.log("FAILED: the browser check timed out");
  finish(1);
}, 60000);

const endpoint = await new Promise((resolve, reject) => {
  let seen = "";
  browser.stderr.on("data", (chunk) => {
    seen += chunk;
    const m = seen.match(/DevTools listening on (ws:\/\/\S+)/);
    if (m) resolve(m[1]);
  });
  browser.on("exit", (code) => reject(new Error(`chromium exited (${code}): ${seen}`)));
});

const socket = new WebSocket(endpoint);
await new Promise((resolve, reject) => {
  socket.onopen = resolve;
  socket.onerror = reject;
});
let nextId = 1;
const pending = new Map();
const listeners = [];
socket.onmessage = (event) => {
  const msg = JSON.parse(event.data);
  if (msg.id && pending.has(msg.id)) {
    const { resolve, reject } = pending.get(msg.id);
    pending.delete(msg.id);
    if (msg.error) reject(new Error(JSON.stringify(msg.error)));
    else resolve(msg.result);
  } else if (msg.method) {
    for (const listener of listeners) listener(msg);
  }
};
function send(method, params = {}, sessionId) {
  const id = nextId++;
  socket.send(JSON.stringify({ id, method, params, sessionId }));
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}

const { targetId } = await send("Target.createTarget", { url: "about:blank" });
const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
const page = (method, params) => send(method, params, sessionId);

const problems = [];
const requests = [];
let loaded;
const loadedOnce = new Promise((resolve) => (loaded = resolve));
listeners.push((msg) => {
  if (msg.sessionId !== sessionId) return;
  switch (msg.method) {
    case "Runtime.exceptionThrown":
      problems.push(`exception: ${msg.params.exceptionDetails.text} ${msg.params.exceptionDetails.exception?.description ?? ""}`);
      break;
    case "Runtime.consoleAPICalled":
      if (msg.params.type === "error" || msg.params.type === "warning" || msg.params.type === "assert")
        problems.push(`console.${msg.params.type}: ${msg.params.args.map((a) => a.value ?? a.description).join(" ")}`);
      break;
    case "Log.entryAdded":
      if (msg.params.entry.level === "error" || msg.params.entry.level === "warning")
        problems.push(`${msg.params.entry.source} ${msg.params.entry.level}: ${msg.params.entry.text}`);
      break;
    case "Network.requestWillBeSent":
      requests.push(msg.params.request.url);
      break;
    case "Page.loadEventFired":
      loaded();
      break;
  }
});
await page("Runtime.enable");
await page("Log.enable");
await page("Network.enable");
await page("Page.enable");

const url = pathToFileURL(reportPath).href;
await page("Page.navigate", { url });
await loadedOnce;
// let late errors or requests arrive
await new Promise((r) => setTimeout(r, 500));

async function evaluate(expression) {
  const { result, exceptionDetails } = await page("Runtime.evaluate", {
    expression,
    returnByValue: true,
    awaitPromise: true,
  });
  if (exceptionDetails) throw new Error(`${expression}: ${exceptionDetails.text}`);
  return result.value;
}

const rows = await evaluate(`document.querySelectorAll("#findings tbody tr").length`);
check(rows === Number(expectedRows), `the table has ${expectedRows} findings (found ${rows})`);
check(await evaluate(`!!document.querySelector("svg#chart-rules rect")`), "the chart by rule is drawn");
check(await evaluate(`!!document.querySelector("svg#chart-projects rect")`), "the chart by project is drawn");
check(
  await evaluate(`document.querySelectorAll("ul.checklist input[type=checkbox]").length > 0`),
  "the checklist has items",
);

// filter by rule: pick a rule that does not cover every row
const filtered = await evaluate(`(() => {
  const select = document.getElementById("filter-rule");
  const all = [...document.querySelectorAll("#findings tbody tr")];
  const option = [...select.options].slice(1).find((o) =>
    all.some((r) => r.cells[0].textContent === o.value) && all.some((r) => r.cells[0].textContent !== o.value));
  if (!option) return { rule: null };
  select.focus();
  select.value = option.value;
  select.dispatchEvent(new Event("change", { bubbles: true }));
  const shown = all.filter((r) => !r.hidden);
  return {
    rule: option.value,
    shown: shown.length,
    expected: all.filter((r) => r.cells[0].textContent === option.value).length,
    others: shown.filter((r) => r.cells[0].textContent !== option.value).length,
    status: document.getElementById("shown").textContent,
  };
})()`);
check(
  filtered.rule !== null && filtered.shown === filtered.expected && filtered.others === 0 && filtered.shown > 0,
  `filtering by ${filtered.rule} leaves only its ${filtered.expected} rows (${filtered.status})`,
);
await evaluate(`(() => { const s = document.getElementById("filter-rule"); s.value = ""; s.dispatchEvent(new Event("change")); })()`);
check(
  (await evaluate(`[...document.querySelectorAll("#findings tbody tr")].filter((r) => !r.hidden).length`)) === rows,
  "clearing the filter shows every row again",
);

// filter by path, typed into the field as a reader types
const firstPath = await evaluate(
  `document.querySelector("#findings tbody tr").cells[3].textContent.split(":")[0]`,
);
await evaluate(`document.getElementById("filter-path").focus()`);
await page("Input.insertText", { text: firstPath });
const byPath = await evaluate(`(() => {
  const all = [...document.querySelectorAll("#findings tbody tr")];
  const shown = all.filter((r) => !r.hidden);
  return { shown: shown.length, wrong: shown.filter((r) => !r.cells[3].textContent.toLowerCase().includes(${JSON.stringify(firstPath.toLowerCase())})).length };
})()`);
check(byPath.shown > 0 && byPath.wrong === 0, `typing a path shows only its ${byPath.shown} rows`);
await evaluate(`(() => { const i = document.getElementById("filter-path"); i.value = ""; i.dispatchEvent(new Event("input")); })()`);

// sorting: the Location column by keyboard (Enter on the focused button), then Rule twice
async function pressEnterOn(selector) {
  await evaluate(`document.querySelector(${JSON.stringify(selector)}).focus()`);
  const key = { key: "Enter", code: "Enter", windowsVirtualKeyCode: 13 };
  await page("Input.dispatchKeyEvent", { type: "keyDown", text: "\r", ...key });
  await page("Input.dispatchKeyEvent", { type: "keyUp", ...key });
}
const sortedBy = (column, direction) =>
  evaluate(`(() => {
  const values = [...document.querySelectorAll("#findings tbody tr")].map((r) => r.cells[${column}].getAttribute("data-sort") || r.cells[${column}].textContent);
  for (let i = 1; i < values.length; i++) {
    const c = values[i - 1].localeCompare(values[i], undefined, { numeric: true });
    if (${direction === "ascending" ? "c > 0" : "c < 0"}) return false;
  }
  return values.length > 1;
})()`);
await pressEnterOn("#findings thead th:nth-child(1) button");
check(
  (await sortedBy(0, "ascending")) &&
    (await evaluate(`document.querySelector("#findings thead th:nth-child(1)").getAttribute("aria-sort")`)) === "ascending",
  "Enter on the Rule header sorts by rule, ascending",
);
await pressEnterOn("#findings thead th:nth-child(1) button");
check(await sortedBy(0, "descending"), "a second Enter sorts by rule, descending");
await evaluate(`document.querySelector("#findings thead th:nth-child(2) button").click()`);
check(await sortedBy(1, "ascending"), "a click on Severity sorts errors first");
check(
  (await evaluate(`[...document.querySelectorAll("#findings tbody tr")].filter((r) => !r.hidden).length`)) === rows,
  "sorting keeps every row",
);

await evaluate(`document.activeElement.blur(); window.scrollTo(0, 0)`);
const { data } = await page("Page.captureScreenshot", { format: "png", captureBeyondViewport: false });
writeFileSync(screenshotPath, Buffer.from(data, "base64"));
check(data.length > 1000, `screenshot saved to ${screenshotPath}`);

await new Promise((r) => setTimeout(r, 200));
check(problems.length === 0, `no console errors or exceptions${problems.length ? ": " + problems.join("; ") : ""}`);
const outside = requests.filter((u) => u !== url);
check(outside.length === 0, `no network request but the page${outside.length ? ": " + outside.join(", ") : ""}`);

clearTimeout(timer);
console.log(`html-browser: ${passed} passed, ${failed} failed`);
finish(failed === 0 ? 0 : 1);
