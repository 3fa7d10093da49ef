import HTTPTypes
import Hummingbird
import NIOCore

/// The inspector page at `GET /_keysmith/`: one HTML document with its CSS and JavaScript
/// inline, compiled into the binary (no resources, no CDN, no build step). It lists the
/// journal live from `/_keysmith/requests/stream`, shows one request whole (its response
/// headers included), and the keys and the limited endpoints' current windows from
/// `/_keysmith/keys` and `/_keysmith/limits`, read again when new requests arrive. Every piece of data
/// goes into the page through `textContent`, never as markup: paths and names are a client's.
package enum InspectorPage {
    /// The answer: `text/html; charset=utf-8`, not cached, no framing, no outside script.
    static func response() -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("Content-Security-Policy")!] =
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The whole document.
    package static var html: String {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>keysmith inspector</title>
        <link rel="icon" href="data:,">
        <style>\(css)</style>
        </head>
        <body>
        \(body)
        <script>\(script)</script>
        </body>
        </html>
        """
    }

    static let body = #"""
        <header>
          <h1>keysmith inspector</h1>
          <span id="conn" class="conn" role="status">connecting…</span>
        </header>
        <main>
        <section id="requests-panel" aria-labelledby="requests-title">
          <h2 id="requests-title">Requests</h2>
          <form id="filters" class="filters" onsubmit="return false">
            <label>Outcome <select id="f-outcome"><option value="">any</option><option value="allow">allow</option><option value="deny">deny</option></select></label>
            <label>Reason <input id="f-reason" type="text" size="14" placeholder="missing_grant"></label>
            <label>Key <input id="f-key" type="text" size="14" placeholder="id or name"></label>
            <button id="pause" type="button" aria-pressed="false">Pause</button>
            <button id="clear" type="button">Clear page</button>
            <span id="count" class="muted"></span>
          </form>
          <div class="table-wrap">
          <table id="requests">
            <thead><tr><th>Time</th><th>Method</th><th>Path</th><th>Status</th><th>Outcome</th><th>Key</th><th>User</th><th>Endpoint</th><th class="num">Latency</th></tr></thead>
            <tbody id="rows"></tbody>
          </table>
          </div>
          <p id="empty" class="muted">No request yet. Send one to this server and it appears here.</p>
        </section>
        <section id="detail" aria-labelledby="detail-title" hidden>
          <h2 id="detail-title">Request</h2>
          <p id="d-explanation" class="explanation"></p>
          <div id="d-grants"></div>
          <div id="d-limit"></div>
          <dl id="d-fields"></dl>
          <h3 id="d-headers-title">Response headers</h3>
          <div class="table-wrap"><table id="d-headers"><tbody id="d-header-rows"></tbody></table></div>
          <button id="d-close" type="button">Close</button>
        </section>
        <section id="keys-panel" aria-labelledby="keys-title">
          <h2 id="keys-title">Keys <button id="refresh" type="button">Refresh</button></h2>
          <div class="table-wrap"><table id="keys"><thead><tr><th>Id</th><th>Name</th><th>Owner</th><th>Status</th><th>Expires</th><th>Grants</th><th>Last used</th></tr></thead><tbody id="key-rows"></tbody></table></div>
          <h2 id="limits-title">Endpoints with limits</h2>
          <div class="table-wrap"><table id="limits"><thead><tr><th>Endpoint</th><th>Limit</th><th>Current window</th></tr></thead><tbody id="limit-rows"></tbody></table></div>
          <p id="limits-empty" class="muted" hidden>No endpoint of the catalog has a rate limit.</p>
        </section>
        </main>
        """#

    static let css = #"""
        :root { color-scheme: light dark; --bg: #ffffff; --fg: #1a1a1a; --muted: #595959; --line: #d0d0d0; --row: #f4f6f8; --sel: #dde8f7;
          --allow-bg: #d3f2dc; --allow-fg: #0a4d1b; --deny-bg: #fbdcdc; --deny-fg: #7a0f0f; --limit-bg: #fdecc0; --limit-fg: #5c3d00;
          --shape-bg: #e3e3f6; --shape-fg: #26265e; --forced-bg: #ece0f7; --forced-fg: #4a1a70; --focus: #1f5fbf; }
        @media (prefers-color-scheme: dark) { :root { --bg: #15171a; --fg: #e8e8e8; --muted: #a8a8a8; --line: #3a3d42; --row: #1e2125; --sel: #23364f;
          --allow-bg: #12401f; --allow-fg: #c2f5cf; --deny-bg: #4d1616; --deny-fg: #ffd3d3; --limit-bg: #4a3600; --limit-fg: #ffe7a8;
          --shape-bg: #2a2a55; --shape-fg: #dcdcff; --forced-bg: #3b1d55; --forced-fg: #ecd9ff; --focus: #8ab4ff; } }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.4 system-ui, sans-serif; background: var(--bg); color: var(--fg); }
        header { display: flex; gap: 1em; align-items: baseline; padding: .5em 1em; border-bottom: 1px solid var(--line); }
        h1 { font-size: 1.2em; margin: 0; } h2 { font-size: 1.05em; margin: .8em 0 .4em; }
        main { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0 1.5em; padding: 0 1em 1em; }
        @media (min-width: 1100px) { main { grid-template-columns: minmax(0, 1fr) minmax(20em, 26em); } #requests-panel { grid-row: span 2; } }
        .filters { display: flex; flex-wrap: wrap; gap: .5em 1em; align-items: center; margin-bottom: .5em; }
        input, select, button { font: inherit; color: inherit; background: var(--bg); border: 1px solid var(--line); border-radius: 4px; padding: .2em .5em; }
        button { cursor: pointer; } button[aria-pressed="true"] { background: var(--sel); }
        :focus-visible { outline: 2px solid var(--focus); outline-offset: 1px; }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: .25em .5em; border-bottom: 1px solid var(--line); white-space: nowrap; }
        td.path { white-space: normal; word-break: break-all; min-width: 10em; }
        td.wrap { white-space: normal; min-width: 7em; }
        .num { text-align: right; }
        #rows tr { cursor: pointer; } #rows tr:hover { background: var(--row); } #rows tr.selected { background: var(--sel); }
        .badge { display: inline-block; padding: 0 .45em; border-radius: 3px; font-size: .9em; font-weight: 600; }
        .b-allow { background: var(--allow-bg); color: var(--allow-fg); }
        .b-deny { background: var(--deny-bg); color: var(--deny-fg); }
        .b-limit { background: var(--limit-bg); color: var(--limit-fg); }
        .b-shape { background: var(--shape-bg); color: var(--shape-fg); }
        .b-forced { background: var(--forced-bg); color: var(--forced-fg); margin-left: .3em; }
        .muted { color: var(--muted); }
        .conn { color: var(--muted); font-size: .9em; }
        #detail { border: 1px solid var(--line); border-radius: 6px; padding: 0 1em 1em; }
        #detail dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .15em 1em; }
        #detail dt { color: var(--muted); } #detail dd { margin: 0; word-break: break-all; }
        #d-headers th { font-weight: normal; color: var(--muted); } #d-headers td { white-space: normal; word-break: break-all; }
        #limit-rows td.window { white-space: normal; }
        .explanation { font-size: 1.05em; }
        .grants { list-style: none; padding: 0; margin: .2em 0; display: flex; flex-wrap: wrap; gap: .3em; }
        .grants li { border: 1px solid var(--line); border-radius: 3px; padding: 0 .4em; }
        .grants li.match { background: var(--allow-bg); color: var(--allow-fg); font-weight: 600; }
        @media (max-width: 700px) { .hide-narrow { display: none; } th, td { padding: .2em .3em; } }
        """#

    /// The page's script. Journal entries are always named `entry` so a test can check every
    /// `entry.FIELD` it reads against ``JournalEntry/fieldNames``.
    package static let script = #"""
        "use strict";
        (function () {
          const base = "/_keysmith/";
          const keep = 500;
          const list = [];
          const seen = new Map();
          let paused = false, held = [], selected = null;
          const $ = (id) => document.getElementById(id);
          function el(tag, text, cls) { const n = document.createElement(tag); if (text !== undefined && text !== null) n.textContent = String(text); if (cls) n.className = cls; return n; }
          function badgeClass(entry) {
            if (entry.outcome === "allow") return "b-allow";
            if (entry.reason === "rate_limited") return "b-limit";
            if (entry.keyId) return "b-deny";
            return "b-shape";
          }
          function badge(entry) {
            const b = el("span", entry.outcome === "allow" ? "allow" : entry.reason, "badge " + badgeClass(entry));
            b.setAttribute("data-reason", entry.reason);
            return b;
          }
          function shortTime(t) { const m = /T(\d\d:\d\d:\d\d)/.exec(t || ""); return m ? m[1] : (t || ""); }
          function latency(us) { return us >= 1000 ? (us / 1000).toFixed(1) + " ms" : us + " µs"; }
          function span(seconds) {
            const s = Math.max(0, Math.round(seconds)), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
            return h ? h + " h " + m + " m" : m ? m + " m " + (s % 60) + " s" : s + " s";
          }
          function matches(entry) {
            const o = $("f-outcome").value, r = $("f-reason").value.trim(), k = $("f-key").value.trim();
            if (o && entry.outcome !== o) return false;
            if (r && entry.reason !== r) return false;
            if (k && entry.keyId !== k && entry.keyName !== k) return false;
            return true;
          }
          function add(entry) {
            // The journal's numbering goes on across a clear (DELETE, or a reset); its generation
            // changes: an entry of another generation means what the page holds was cleared. A
            // number not above the newest one means another server (a restart numbers from 1).
            // (The first listing and the stream may both bring an entry: the same id is kept once.)
            if (seen.get(entry.seq) === entry.id) return;
            if (list.length && (entry.generation !== list[0].generation || entry.seq <= list[0].seq)) { list.length = 0; seen.clear(); }
            seen.set(entry.seq, entry.id);
            list.unshift(entry);
            while (list.length > keep) seen.delete(list.pop().seq);
          }
          function row(entry) {
            const tr = document.createElement("tr");
            tr.tabIndex = 0;
            tr.setAttribute("data-seq", entry.seq);
            tr.setAttribute("data-reason", entry.reason);
            if (selected === entry.seq) tr.className = "selected";
            tr.appendChild(el("td", shortTime(entry.time)));
            tr.appendChild(el("td", entry.method));
            tr.appendChild(el("td", entry.path, "path"));
            tr.appendChild(el("td", entry.status));
            const out = el("td"); out.appendChild(badge(entry));
            if (entry.forced) { const f = el("span", "forced", "badge b-forced"); f.title = "forced by Prefer"; out.appendChild(f); }
            tr.appendChild(out);
            tr.appendChild(el("td", entry.keyId ? entry.keyId + (entry.keyName ? " " + entry.keyName : "") : "—", "wrap"));
            tr.appendChild(el("td", entry.user || "—"));
            tr.appendChild(el("td", entry.endpoint || "—", "wrap"));
            tr.appendChild(el("td", latency(entry.micros), "num"));
            tr.addEventListener("click", () => show(entry));
            tr.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); show(entry); } });
            return tr;
          }
          function render() {
            const body = $("rows");
            const shown = list.filter(matches);
            const rows = shown.map(row);
            body.replaceChildren(...rows);
            $("empty").hidden = list.length > 0;
            $("count").textContent = shown.length + " shown of " + list.length + (held.length ? " (" + held.length + " held while paused)" : "");
          }
          function grantList(names, accepted) {
            const ul = el("ul", null, "grants");
            for (const name of names) { const li = el("li", name); if (accepted.indexOf(name) >= 0) li.className = "match"; ul.appendChild(li); }
            if (names.length === 0) ul.appendChild(el("li", "none"));
            return ul;
          }
          function show(entry) {
            selected = entry.seq;
            for (const tr of $("rows").children) tr.className = tr.getAttribute("data-seq") === String(entry.seq) ? "selected" : "";
            const d = $("detail");
            d.hidden = false;
            $("detail-title").textContent = "Request " + entry.method + " " + entry.path;
            $("d-explanation").textContent = entry.explanation || (entry.outcome === "allow" ? "Allowed." : "Denied: " + entry.reason + ".");
            const g = $("d-grants");
            g.replaceChildren();
            if (entry.acceptedGrants) {
              const keyGrants = entry.keyGrants || [];
              g.appendChild(el("h3", "Accepted grants (any one will do)"));
              g.appendChild(grantList(entry.acceptedGrants, keyGrants));
              g.appendChild(el("h3", "The key's grants"));
              g.appendChild(grantList(keyGrants, entry.acceptedGrants));
              const hit = entry.acceptedGrants.filter((n) => keyGrants.indexOf(n) >= 0);
              g.appendChild(el("p", entry.acceptedGrants.length === 0 ? "The endpoint lists no grants." : hit.length ? "Matched: " + hit.join(", ") : "No accepted grant is on the key.", "muted"));
            }
            const l = $("d-limit");
            l.replaceChildren();
            if (entry.rateLimit) {
              l.appendChild(el("h3", "Rate limit"));
              l.appendChild(el("p", entry.rateLimit.limit + ": " + entry.rateLimit.remaining + " left, window resets in " + entry.rateLimit.resetSeconds + " s"));
            }
            const dl = $("d-fields");
            dl.replaceChildren();
            const fields = [["Request id", entry.id], ["Client's X-Request-Id", entry.clientRequestId], ["Time", entry.time], ["Store time", entry.storeTime], ["Method", entry.method], ["Path", entry.path],
              ["Status", entry.status], ["Outcome", entry.outcome], ["Reason", entry.reason], ["Key id", entry.keyId], ["Key name", entry.keyName],
              ["User", entry.user], ["Endpoint", entry.endpoint], ["Mode", entry.mode], ["Forced", entry.forced ? "yes (Prefer)" : "no"],
              ["Latency", latency(entry.micros)], ["Sequence", entry.seq]];
            for (const [name, value] of fields) { dl.appendChild(el("dt", name)); dl.appendChild(el("dd", value === null || value === undefined ? "—" : value)); }
            // The response as keysmith sent it; a request's Authorization never is one of them: the key id stands for it.
            $("d-header-rows").replaceChildren(...(entry.responseHeaders || []).map((h) => {
              const tr = document.createElement("tr");
              tr.appendChild(el("th", h.name)); tr.appendChild(el("td", h.value));
              return tr;
            }));
            d.scrollIntoView({ block: "nearest" });
          }
          let inventoryDue = null;
          function receive(entry) {
            // Keys' last use and the windows change with requests: read them again once a burst is over
            // (a quarter second without a new entry, and at least once a second during a long one).
            if (inventoryDue) clearTimeout(inventoryDue.timer);
            const first = inventoryDue ? inventoryDue.first : Date.now();
            const wait = Math.max(0, Math.min(250, first + 1000 - Date.now()));
            inventoryDue = { first: first, timer: setTimeout(() => { inventoryDue = null; loadInventory(); }, wait) };
            if (paused) { held.push(entry); $("count").textContent = held.length + " held while paused"; return; }
            add(entry); render();
          }
          let source = null, off = false;
          function journalOff() {
            off = true;
            if (source) source.close();
            $("conn").textContent = "journal off";
            $("empty").textContent = "This server keeps no journal of requests (it was started with --journal 0), so none are listed; the keys and limits are.";
            $("empty").hidden = false;
          }
          function connect() {
            source = new EventSource(base + "requests/stream");
            source.addEventListener("open", () => { $("conn").textContent = "live"; });
            source.addEventListener("error", () => { if (!off) $("conn").textContent = "reconnecting…"; });
            // The journal was cleared (DELETE, or a reset): what the page shows goes with it.
            source.addEventListener("cleared", () => { list.length = 0; seen.clear(); held = []; render(); });
            source.addEventListener("request", (ev) => { try { receive(JSON.parse(ev.data)); } catch (e) { /* a malformed event is skipped */ } });
          }
          async function loadJournal() {
            try {
              const r = await fetch(base + "requests?limit=" + keep, { cache: "no-store" });
              if (r.status === 409) { journalOff(); return; }
              if (!r.ok) return;
              const j = await r.json();
              // The stream is open already: what it brought is newer than anything listed here.
              for (const entry of j.requests) {
                if (seen.has(entry.seq) || list.length >= keep) continue;
                if (list.length && entry.generation !== list[list.length - 1].generation) continue;
                seen.set(entry.seq, entry.id);
                list.push(entry);
              }
              render();
            } catch (e) { /* the stream still works */ }
          }
          async function loadInventory() {
            try {
              const [keys, limits] = await Promise.all([fetch(base + "keys", { cache: "no-store" }), fetch(base + "limits", { cache: "no-store" })]);
              if (keys.ok) {
                const rows = (await keys.json()).keys.map((k) => {
                  const tr = document.createElement("tr");
                  for (const v of [k.id, k.name, k.owner, k.status, k.expires, (k.grants || []).join(", "), k.lastUsedAt || "never"]) tr.appendChild(el("td", v));
                  return tr;
                });
                $("key-rows").replaceChildren(...rows);
              }
              if (limits.ok) {
                const endpoints = (await limits.json()).endpoints;
                windowsReadAt = Date.now();
                $("limit-rows").replaceChildren(...endpoints.map((p) => {
                  const tr = document.createElement("tr");
                  tr.setAttribute("data-endpoint", p.endpoint);
                  tr.appendChild(el("td", p.endpoint, "wrap"));
                  tr.appendChild(el("td", p.rateLimit));
                  const td = el("td", null, "window");
                  if (p.windows.length === 0) td.textContent = "no request in a current window";
                  for (const w of p.windows) {
                    const line = el("div");
                    line.setAttribute("data-used", w.used);
                    if (w.used > 0) line.setAttribute("data-reset", w.resetSeconds);
                    line.textContent = (w.subject ? w.subject + ": " : "") + w.used + " / " + p.quota + " used";
                    const reset = el("span", "", "muted resets");
                    line.appendChild(reset);
                    td.appendChild(line);
                  }
                  tr.appendChild(td);
                  return tr;
                }));
                $("limits-empty").hidden = endpoints.length > 0;
                tickWindows();
              }
            } catch (e) { /* shown empty */ }
          }
          // The windows' "resets in" counts down between reads (nothing is asked of the server for it).
          let windowsReadAt = Date.now();
          function tickWindows() {
            const passed = (Date.now() - windowsReadAt) / 1000;
            for (const line of document.querySelectorAll("#limit-rows div[data-reset]")) {
              const left = Number(line.getAttribute("data-reset")) - passed;
              line.querySelector(".resets").textContent = left > 0 ? ", resets in " + span(left) : ", window over (refresh)";
            }
          }
          setInterval(tickWindows, 1000);
          $("pause").addEventListener("click", () => {
            paused = !paused;
            $("pause").setAttribute("aria-pressed", String(paused));
            $("pause").textContent = paused ? "Resume" : "Pause";
            if (!paused) { for (const entry of held) add(entry); held = []; render(); }
          });
          $("clear").addEventListener("click", () => { list.length = 0; seen.clear(); held = []; render(); });
          $("refresh").addEventListener("click", loadInventory);
          $("d-close").addEventListener("click", () => { $("detail").hidden = true; selected = null; render(); });
          for (const id of ["f-outcome", "f-reason", "f-key"]) { $(id).addEventListener("input", render); $(id).addEventListener("change", render); }
          connect();
          loadJournal();
          loadInventory();
        })();
        """#
}
