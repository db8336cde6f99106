#!/usr/bin/env python3
"""Opens a report.html in headless Chromium (Debian package `chromium`) and checks it as a reader sees it.

Fails (exit 1) on
  * console errors and uncaught exceptions,
  * broken images (not loaded, or 0 px wide),
  * content wider than the viewport: a horizontal page scrollbar, an element sticking out on the
    right, or a table that needs horizontal scrolling inside its box (a cut-off column),
at a 1280 px wide window (and 1400 px; override with --widths). Saves screenshots of every width
(the first table, the first screen, the summary's first screen and the full page) into --screenshots
(default: a new folder in the system's temporary directory, printed at the end), to be looked at.

Only the standard library: the DevTools protocol is spoken over a minimal WebSocket client.

    python3 Tools/check_report_browser.py Reports/reference/report.html [--screenshots DIR] [--widths 1280,1400]

Exit codes: 0 all checks pass, 1 a check failed, 2 Chromium missing or not controllable.
"""
import argparse
import base64
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

CHECK_JS = r"""
(() => {
  const width = window.innerWidth;
  const out = {width, scrollWidth: document.documentElement.scrollWidth, broken: [], sticking: [], clipped: []};
  for (const img of document.images) {
    if (!img.complete || img.naturalWidth === 0) out.broken.push((img.alt || '') + ' ' + img.src.slice(0, 60));
  }
  const describe = (e) => {
    let s = e.tagName.toLowerCase();
    if (e.id) s += '#' + e.id;
    if (e.className && typeof e.className === 'string') s += '.' + e.className.trim().split(/\s+/).join('.');
    const text = (e.innerText || '').trim().replace(/\s+/g, ' ').slice(0, 60);
    return s + (text ? ' "' + text + '"' : '');
  };
  for (const e of document.body.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    // Inside a scrolling box the element is clipped there, reported below for tables.
    let inScroller = false;
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden') { inScroller = true; break; }
    }
    if (!inScroller && r.right > width + 0.5) out.sticking.push(describe(e) + ' right=' + Math.round(r.right));
  }
  for (const w of document.querySelectorAll('.table-wrap, pre, table')) {
    if (w.scrollWidth > w.clientWidth + 1) {
      const cap = w.querySelector('caption');
      out.clipped.push(describe(w).slice(0, 40) + (cap ? ' [' + cap.innerText.slice(0, 50) + ']' : '') +
                       ' needs ' + w.scrollWidth + ' px, has ' + w.clientWidth);
    }
  }
  out.height = document.documentElement.scrollHeight;
  return JSON.stringify(out);
})()
"""


class WebSocket:
    """A minimal RFC 6455 client: text frames, masking, no extensions (enough for DevTools)."""

    def __init__(self, url, timeout=30):
        m = re.match(r"ws://([^/:]+):(\d+)(/.*)", url)
        host, port, path = m.group(1), int(m.group(2)), m.group(3)
        self.sock = socket.create_connection((host, port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        request = (f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n")
        self.sock.sendall(request.encode())
        response = b""
        while b"\r\n\r\n" not in response:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("DevTools closed the connection during the handshake")
            response += chunk
        if b" 101 " not in response.split(b"\r\n", 1)[0]:
            raise ConnectionError("WebSocket handshake refused: " + response.split(b"\r\n", 1)[0].decode(errors="replace"))
        self.buffer = response.split(b"\r\n\r\n", 1)[1]

    def send(self, text):
        payload = text.encode()
        header = bytearray([0x81])
        n = len(payload)
        if n < 126:
            header.append(0x80 | n)
        elif n < 1 << 16:
            header.append(0x80 | 126); header += n.to_bytes(2, "big")
        else:
            header.append(0x80 | 127); header += n.to_bytes(8, "big")
        mask = os.urandom(4)
        header += mask
        self.sock.sendall(bytes(header) + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def _read(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise ConnectionError("DevTools closed the connection")
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def receive(self):
        message = b""
        while True:
            b0, b1 = self._read(2)
            n = b1 & 0x7F
            if n == 126:
                n = int.from_bytes(self._read(2), "big")
            elif n == 127:
                n = int.from_bytes(self._read(8), "big")
            payload = self._read(n)
            opcode = b0 & 0x0F
            if opcode == 0x8:
                raise ConnectionError("DevTools closed the WebSocket")
            if opcode in (0x9, 0xA):
                continue
            message += payload
            if b0 & 0x80:
                return message.decode()


class Page:
    def __init__(self, ws_url):
        self.ws = WebSocket(ws_url)
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        my_id = self.next_id
        self.ws.send(json.dumps({"id": my_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.receive())
            if message.get("id") == my_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method, timeout=60):
        deadline = time.time() + timeout
        seen = 0
        while time.time() < deadline:
            for e in self.events[seen:]:
                if e.get("method") == method:
                    return e
            seen = len(self.events)
            self.events.append(json.loads(self.ws.receive()))
        raise TimeoutError(method)


def start_chromium(binary, profile):
    command = [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
               "--hide-scrollbars", "--force-device-scale-factor=1", "--no-first-run", "--no-default-browser-check",
               f"--user-data-dir={profile}", "--remote-debugging-port=0", "--allow-file-access-from-files",
               "about:blank"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 30
    for line in process.stderr:
        m = re.search(r"DevTools listening on (ws://\S+)", line)
        if m:
            return process, m.group(1)
        if time.time() > deadline:
            break
    process.kill()
    raise RuntimeError("Chromium did not start its DevTools endpoint")


def check(page_ws, report_url, width, shots, name):
    page = Page(page_ws)
    for domain in ("Page", "Runtime", "Log"):
        page.call(f"{domain}.enable")
    page.call("Emulation.setDeviceMetricsOverride", width=width, height=900, deviceScaleFactor=1, mobile=False)
    page.call("Page.navigate", url=report_url)
    page.wait_for("Page.loadEventFired")
    time.sleep(0.3)
    result = json.loads(page.call("Runtime.evaluate", expression=CHECK_JS, returnByValue=True)["result"]["value"])
    problems = []
    for e in page.events:
        method, params = e.get("method"), e.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            problems.append("console error: " + " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
        elif method == "Runtime.exceptionThrown":
            problems.append("uncaught exception: " + params["exceptionDetails"].get("text", ""))
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            problems.append("console error: " + params["entry"].get("text", "") + " " + params["entry"].get("url", ""))
    problems += [f"broken image: {b}" for b in result["broken"]]
    if result["scrollWidth"] > width:
        problems.append(f"page is {result['scrollWidth']} px wide at a {width} px window (horizontal scrollbar)")
    problems += [f"sticks out of the {width} px viewport: {s}" for s in result["sticking"][:10]]
    problems += [f"cut off (scrolls sideways): {c}" for c in result["clipped"]]
    # Screenshots: Table 1, the first screen, the summary's first screen, the full page (capped at 16,000 px).
    rect = json.loads(page.call("Runtime.evaluate", returnByValue=True, expression=(
        "JSON.stringify((() => { const t = document.querySelector('.table-wrap'); if (!t) return null;"
        " const r = t.getBoundingClientRect(); return {x: 0, y: r.top + window.scrollY - 8, width: window.innerWidth,"
        " height: r.height + 16, scale: 1}; })())"))["result"]["value"])
    if rect:
        table = page.call("Page.captureScreenshot", format="png", clip=rect, captureBeyondViewport=True)
        with open(os.path.join(shots, f"{name}-{width}px-table1.png"), "wb") as f:
            f.write(base64.b64decode(table["data"]))
    first = page.call("Page.captureScreenshot", format="png")
    with open(os.path.join(shots, f"{name}-{width}px-top.png"), "wb") as f:
        f.write(base64.b64decode(first["data"]))
    # The summary's first screen: what a reader sees after following "Summary" in the contents.
    summary = json.loads(page.call("Runtime.evaluate", returnByValue=True, expression=(
        "JSON.stringify((() => { const h = document.getElementById('sec-summary'); if (!h) return null;"
        " const r = h.getBoundingClientRect(); return {x: 0, y: r.top + window.scrollY, width: window.innerWidth,"
        " height: window.innerHeight, scale: 1}; })())"))["result"]["value"])
    if summary:
        shot = page.call("Page.captureScreenshot", format="png", clip=summary, captureBeyondViewport=True)
        with open(os.path.join(shots, f"{name}-{width}px-summary.png"), "wb") as f:
            f.write(base64.b64decode(shot["data"]))
    height = min(result["height"], 16000)
    page.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)
    time.sleep(0.3)
    full = page.call("Page.captureScreenshot", format="png")
    with open(os.path.join(shots, f"{name}-{width}px-full.png"), "wb") as f:
        f.write(base64.b64decode(full["data"]))
    return problems, result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("report", help="report.html to check")
    parser.add_argument("--screenshots", help="folder for the screenshots (default: a new temporary folder)")
    parser.add_argument("--widths", default="1280,1400", help="window widths in px, comma separated")
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser") or "chromium")
    args = parser.parse_args()
    report = os.path.abspath(args.report)
    if not os.path.isfile(report):
        print(f"error: '{args.report}' is not a file", file=sys.stderr)
        return 2
    if not shutil.which(args.chromium):
        print("error: Chromium not found (Debian: apt-get install -y chromium)", file=sys.stderr)
        return 2
    shots = os.path.abspath(args.screenshots or tempfile.mkdtemp(prefix="report-screenshots-"))
    os.makedirs(shots, exist_ok=True)
    name = os.path.splitext(os.path.basename(report))[0]
    profile = tempfile.mkdtemp(prefix="report-check-")
    process = None
    try:
        process, browser_ws = start_chromium(args.chromium, profile)
        port = re.match(r"ws://[^:]+:(\d+)/", browser_ws).group(1)
        failed = False
        for width in [int(w) for w in args.widths.split(",")]:
            request = urllib.request.Request(f"http://127.0.0.1:{port}/json/new?about:blank", method="PUT")
            target = json.loads(urllib.request.urlopen(request, timeout=10).read())
            problems, result = check(target["webSocketDebuggerUrl"], "file://" + report, width, shots, name)
            status = "FAIL" if problems else "ok"
            print(f"[{status}] {width} px: page {result['scrollWidth']} px wide, {result['height']} px tall, "
                  f"{len(problems)} problem(s)")
            for p in problems:
                print("    " + p)
            failed = failed or bool(problems)
        print(f"screenshots: {shots}")
        return 1 if failed else 0
    except (RuntimeError, ConnectionError, TimeoutError, OSError) as error:
        print(f"error: cannot drive Chromium: {error}", file=sys.stderr)
        return 2
    finally:
        if process:
            process.kill(); process.wait()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
