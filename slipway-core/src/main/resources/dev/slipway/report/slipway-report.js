/*
 * Slipway delivery report: the one front end of the Jenkins "Deliveries" / "Environments" pages and the
 * CLI's HTML report. Plain DOM, no framework, no build step.
 *
 * Mount: <div data-slipway-report data-src="URL"> fetches the JSON (Jenkins pages), or
 *        <div data-slipway-report data-json="ID"> reads <script type="application/json" id="ID"> (CLI report).
 * Data:  an array of delivery records, {"records": [...]} (a run's endpoint), one record, or a job's
 *        delivery index ({"kind": "slipway-delivery-index", ...}).
 * Text from records only ever reaches the page as text nodes; only http(s) URLs become links.
 */
(function () {
  "use strict";

  var OUTCOME = { SUCCEEDED: "Succeeded", RUNNING: "Running", FAILED: "Failed", ROLLED_BACK: "Rolled back" };
  var PHASE = { SUCCEEDED: "Succeeded", RUNNING: "Running", FAILED: "Failed", PENDING: "Pending", SKIPPED: "Skipped" };
  var ICON = { SUCCEEDED: "\u2713", RUNNING: "\u2022", FAILED: "\u2715", PENDING: "", SKIPPED: "\u2013", ROLLED_BACK: "\u21ba" };
  var MODE = { PUSH: "Push", GITOPS: "GitOps" };
  var REL = { registry: "Registry", commit: "Commit", "pull-request": "Pull request", argocd: "Argo CD", build: "Build" };

  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        if (attrs[key] !== null && attrs[key] !== undefined) {
          node.setAttribute(key, attrs[key]);
        }
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      append(node, arguments[i]);
    }
    return node;
  }

  function append(node, child) {
    if (child === null || child === undefined || child === false) {
      return;
    }
    if (Array.isArray(child)) {
      child.forEach(function (c) { append(node, c); });
    } else if (typeof child === "string" || typeof child === "number") {
      node.appendChild(document.createTextNode(String(child)));
    } else {
      node.appendChild(child);
    }
  }

  function safeUrl(url) {
    if (typeof url !== "string") {
      return null;
    }
    try {
      var parsed = new URL(url, document.baseURI);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  /** A link when the URL is http(s), plain text otherwise (a javascript: URL in a record stays inert). */
  function link(url, text) {
    var href = safeUrl(url);
    return href ? el("a", { href: href }, text) : el("span", null, text);
  }

  function pad(n) {
    return n < 10 ? "0" + n : String(n);
  }

  function time(iso) {
    if (!iso) {
      return null;
    }
    var d = new Date(iso);
    if (isNaN(d.getTime())) {
      return el("span", null, iso);
    }
    var text = d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + " "
      + pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds());
    return el("time", { datetime: iso }, text);
  }

  function duration(from, to) {
    if (!from || !to) {
      return null;
    }
    var s = Math.round((new Date(to).getTime() - new Date(from).getTime()) / 1000);
    if (isNaN(s) || s < 0) {
      return null;
    }
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return Math.floor(s / 60) + " min" + (s % 60 ? " " + (s % 60) + " s" : "");
    }
    return Math.floor(s / 3600) + " h" + (Math.floor(s / 60) % 60 ? " " + (Math.floor(s / 60) % 60) + " min" : "");
  }

  function size(bytes) {
    if (typeof bytes !== "number") {
      return null;
    }
    var units = ["B", "KiB", "MiB", "GiB"];
    var i = 0;
    var v = bytes;
    while (v >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return (i === 0 ? v : v.toFixed(1)) + " " + units[i];
  }

  function shortDigest(digest) {
    var parts = String(digest).split(":");
    return parts.length === 2 ? parts[0] + ":" + parts[1].slice(0, 12) : String(digest);
  }

  function shortCommit(id) {
    return id ? String(id).slice(0, 10) : "";
  }

  function badge(outcome) {
    var key = String(outcome || "RUNNING");
    return el("span", { "class": "sw-badge sw-status-" + key.toLowerCase() },
      el("span", { "aria-hidden": "true" }, ICON[key] || ""), OUTCOME[key] || key);
  }

  // --- copying ------------------------------------------------------------------------------------------

  function announce(button, message) {
    var root = button.closest(".sw-report");
    var live = root && root.querySelector(".sw-live");
    if (live) {
      live.textContent = message;
    }
  }

  function copyWithSelection(text) {
    var area = el("textarea", { readonly: "", "class": "sw-visually-hidden", "aria-hidden": "true" });
    area.value = text;
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(area);
    return ok;
  }

  function copyButton(text, what) {
    var button = el("button", { type: "button", "class": "sw-button sw-copy", "data-copy": text,
      "aria-label": "Copy " + what + " " + text }, "Copy");
    button.addEventListener("click", function () {
      var done = function (ok) {
        button.textContent = ok ? "Copied" : "Select and copy";
        announce(button, ok ? what + " copied to the clipboard" : "Copying is blocked here: select the " + what + " and copy it");
        if (!ok) {
          var code = button.parentNode.querySelector("code");
          if (code) {
            var range = document.createRange();
            range.selectNodeContents(code);
            var selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
          }
        }
        window.setTimeout(function () { button.textContent = "Copy"; }, 2000);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(copyWithSelection(text)); });
      } else {
        done(copyWithSelection(text));
      }
    });
    return button;
  }

  // --- one delivery -------------------------------------------------------------------------------------

  function fact(dl, term, value) {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) {
      return;
    }
    dl.appendChild(el("dt", null, term));
    dl.appendChild(el("dd", null, value));
  }

  function imageFacts(dl, image) {
    if (!image) {
      return;
    }
    var name = [image.registry, image.repository].filter(Boolean).join("/");
    fact(dl, "Image", name ? el("code", null, name) : null);
    if (image.digest) {
      fact(dl, "Digest", el("span", { "class": "sw-digest" },
        el("code", { title: image.digest, "class": "sw-digest-value" }, image.digest), copyButton(image.digest, "digest")));
    }
    fact(dl, "Tags", (image.tags || []).map(function (t) { return el("span", { "class": "sw-tag sw-mono" }, t); }));
    fact(dl, "Size", size(image.sizeBytes));
  }

  function targetText(record) {
    var t = record.target;
    if (!t) {
      return null;
    }
    if (t.repository || t.path) {
      return [t.repository ? link(t.repository, t.repository) : null, t.branch ? " branch " : null,
        t.branch ? el("code", null, t.branch) : null, t.path ? " path " : null, t.path ? el("code", null, t.path) : null];
    }
    return [t.cluster ? "cluster " : null, t.cluster ? el("code", null, t.cluster) : null,
      t.namespace ? ", namespace " : null, t.namespace ? el("code", null, t.namespace) : null];
  }

  function phaseItem(phase) {
    var status = String(phase.status || "PENDING");
    var took = duration(phase.startedAt, phase.finishedAt);
    return el("li", { "class": "sw-phase sw-status-" + status.toLowerCase() },
      el("span", { "class": "sw-phase-icon", "aria-hidden": "true" }, ICON[status] || ""),
      el("span", { "class": "sw-phase-name" }, phase.name),
      el("span", { "class": "sw-phase-meta" }, (PHASE[status] || status) + (took ? " \u00b7 " + took : "")),
      phase.message ? el("span", { "class": "sw-phase-message" }, phase.message) : null);
  }

  function changesTable(changes) {
    var body = el("tbody");
    changes.forEach(function (c) {
      var value = c.oldValue === null || c.oldValue === undefined
        ? [el("span", { "class": "sw-muted" }, "(added) "), el("code", { "class": "sw-new" }, c.newValue)]
        : [el("code", { "class": "sw-old" }, c.oldValue), el("span", { "class": "sw-arrow", "aria-hidden": "true" }, "\u2192"),
          el("span", { "class": "sw-visually-hidden" }, " changed to "),
          el("code", { "class": "sw-new" }, c.newValue)];
      body.appendChild(el("tr", null,
        el("td", null, el("code", null, c.location), c.document ? el("span", { "class": "sw-muted" }, " (document " + (c.document + 1) + ")") : null),
        el("td", null, el("code", null, c.field)),
        el("td", { "class": "sw-change" }, value)));
    });
    return el("table", { "class": "sw-table sw-changes" },
      el("caption", { "class": "sw-visually-hidden" }, "Changed values"),
      el("thead", null, el("tr", null, el("th", { scope: "col" }, "File or object"), el("th", { scope: "col" }, "Field"),
        el("th", { scope: "col" }, "Old \u2192 new"))),
      body);
  }

  function cardBody(record, headingLevel) {
    var parts = [];
    if (record.failure) {
      parts.push(el("p", { "class": "sw-failure" }, el("strong", null, "Failed in " + record.failure.phase + ": "), record.failure.reason));
    }
    var dl = el("dl", { "class": "sw-facts" });
    imageFacts(dl, record.image);
    fact(dl, "Mode", MODE[record.mode] || record.mode);
    fact(dl, "Target", targetText(record));
    if (record.source) {
      fact(dl, "Source", [record.source.repository ? link(record.source.repository, record.source.repository) : null,
        record.source.commit ? [" @ ", el("code", { title: record.source.commit }, shortCommit(record.source.commit))] : null,
        record.source.branch ? [" (", record.source.branch, ")"] : null]);
    }
    if (record.build) {
      var buildText = record.build.number !== undefined && record.build.number !== null ? "#" + record.build.number : "build";
      fact(dl, "Build", [record.build.url ? link(record.build.url, buildText) : buildText,
        record.build.driver ? el("span", { "class": "sw-muted" }, " with " + record.build.driver) : null]);
    }
    if (record.commit) {
      fact(dl, "Git commit", record.commit.url ? link(record.commit.url, shortCommit(record.commit.id))
        : el("code", null, shortCommit(record.commit.id)));
    }
    if (record.pullRequest) {
      fact(dl, "Pull request", link(record.pullRequest.url, "#" + record.pullRequest.number));
    }
    fact(dl, "Delivery id", el("code", null, record.id));
    parts.push(dl);

    var h = "h" + headingLevel;
    if (record.phases && record.phases.length) {
      parts.push(el("section", { "class": "sw-phases" }, el(h, null, "Phases"),
        el("ol", { "class": "sw-timeline" }, record.phases.map(phaseItem))));
    }
    if (record.changes && record.changes.length) {
      parts.push(el("section", null, el(h, null, "Changes"), changesTable(record.changes)));
    }
    if (record.links && record.links.length) {
      parts.push(el("section", null, el(h, null, "Links"), el("ul", { "class": "sw-links" }, record.links.map(function (l) {
        return el("li", null, link(l.url, l.title || REL[l.rel] || l.rel));
      }))));
    }
    return parts;
  }

  function cardTitle(record) {
    return (record.environment || "No environment") + " \u00b7 " + (MODE[record.mode] || record.mode || "");
  }

  function card(record, headingLevel) {
    var took = duration(record.startedAt, record.finishedAt);
    return el("article", { "class": "sw-card sw-outcome-" + String(record.outcome || "").toLowerCase(), "data-record-id": record.id },
      el("header", { "class": "sw-card-head" },
        el("h" + headingLevel, null, cardTitle(record)),
        badge(record.outcome),
        el("span", { "class": "sw-when" }, time(record.startedAt), took ? " \u00b7 took " + took : null)),
      cardBody(record, headingLevel + 1));
  }

  // --- a job: environments and history --------------------------------------------------------------

  function runText(record) {
    return record.build.number !== undefined && record.build.number !== null ? "#" + record.build.number : "run";
  }

  function runLink(record) {
    if (!record || !record.build) {
      return null;
    }
    return record.build.url ? link(record.build.url, runText(record)) : el("span", null, runText(record));
  }

  function digestCell(record) {
    if (!record || !record.image || !record.image.digest) {
      return el("span", { "class": "sw-muted" }, "none");
    }
    var name = [record.image.registry, record.image.repository].filter(Boolean).join("/");
    return el("span", { "class": "sw-digest" },
      el("code", { title: name + "@" + record.image.digest }, shortDigest(record.image.digest)),
      copyButton(record.image.digest, "digest"),
      name ? el("span", { "class": "sw-muted sw-mono" }, name) : null);
  }

  function environmentsTable(environments) {
    var body = el("tbody");
    environments.forEach(function (env) {
      var live = env.live;
      var latest = env.latest;
      var newer = latest && (!live || latest.id !== live.id);
      body.appendChild(el("tr", { "data-environment": env.name },
        el("th", { scope: "row" }, env.name),
        el("td", null, digestCell(live)),
        el("td", null, live ? time(live.finishedAt || live.startedAt) : el("span", { "class": "sw-muted" }, "never succeeded")),
        el("td", null, runLink(live)),
        el("td", null, newer ? [badge(latest.outcome), " ", runLink(latest), " ", time(latest.startedAt)]
          : el("span", { "class": "sw-muted" }, "same as live"))));
    });
    return el("table", { "class": "sw-table sw-environments" },
      el("caption", null, "What runs where: the last successful delivery per environment, and the latest attempt"),
      el("thead", null, el("tr", null,
        el("th", { scope: "col" }, "Environment"), el("th", { scope: "col" }, "Live image"),
        el("th", { scope: "col" }, "Live since"), el("th", { scope: "col" }, "Run"),
        el("th", { scope: "col" }, "Latest delivery"))),
      body);
  }

  function historyItem(record) {
    return el("details", { "data-record-id": record.id },
      // no link inside the summary: it is one control that opens the card (whose facts link the run)
      el("summary", null, badge(record.outcome), el("strong", null, cardTitle(record)),
        record.build ? el("span", null, runText(record)) : null, time(record.startedAt),
        record.image && record.image.digest ? el("code", null, shortDigest(record.image.digest)) : null),
      card(record, 3));
  }

  // --- entry points -----------------------------------------------------------------------------------

  function normalise(data) {
    if (Array.isArray(data)) {
      return { records: data };
    }
    if (data && data.kind === "slipway-delivery-index") {
      return { index: data };
    }
    if (data && Array.isArray(data.records)) {
      return { records: data.records };
    }
    if (data && data.id && data.phases) {
      return { records: [data] };
    }
    throw new Error("not Slipway delivery data");
  }

  function render(container, data) {
    var view = normalise(data);
    container.textContent = "";
    container.classList.add("sw-report");
    container.appendChild(el("p", { "class": "sw-visually-hidden sw-live", "aria-live": "polite" }));
    if (view.index) {
      var envs = view.index.environments || [];
      var history = view.index.history || [];
      container.appendChild(el("section", { "class": "sw-env-view", "aria-labelledby": "sw-environments" },
        el("h2", { id: "sw-environments" }, "Environments"),
        envs.length ? environmentsTable(envs) : el("p", { "class": "sw-empty" }, "No delivery to a named environment yet.")));
      container.appendChild(el("section", { "class": "sw-history", "aria-labelledby": "sw-history" },
        el("h2", { id: "sw-history" }, "History"),
        history.length ? history.map(historyItem) : el("p", { "class": "sw-empty" }, "No deliveries yet.")));
    } else {
      var records = view.records;
      container.appendChild(el("section", { "class": "sw-deliveries", "aria-labelledby": "sw-deliveries" },
        el("h2", { id: "sw-deliveries" }, records.length === 1 ? "Delivery" : "Deliveries (" + records.length + ")"),
        records.length ? records.map(function (r) { return card(r, 3); })
          : el("p", { "class": "sw-empty" }, "This run delivered nothing.")));
    }
    container.setAttribute("data-rendered", "true");
  }

  function fail(container, message) {
    container.textContent = "";
    container.classList.add("sw-report");
    container.appendChild(el("p", { "class": "sw-error", role: "alert" }, message));
    container.setAttribute("data-rendered", "error");
  }

  function mount(container) {
    var src = container.getAttribute("data-src");
    if (src) {
      fetch(src, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("the server answered " + response.status);
          }
          return response.json();
        })
        .then(function (data) { render(container, data); })
        .catch(function (e) { fail(container, "Cannot load the deliveries: " + e.message); });
      return;
    }
    var script = document.getElementById(container.getAttribute("data-json") || "slipway-data");
    try {
      render(container, JSON.parse(script ? script.textContent : "null"));
    } catch (e) {
      fail(container, "Cannot show the deliveries: " + e.message);
    }
  }

  window.SlipwayReport = { render: render, mount: mount };
  function mountAll() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-slipway-report]"), mount);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();
