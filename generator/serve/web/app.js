// vanban's page: choose a template, fill in its form, see the PDF as you type, download the
// PDF and the DOCX, save and open the data as JSON. Talks to vanban serve's /v1 API only.
"use strict";

(function () {
  var PREVIEW_PAUSE_MS = 350;
  var state = {
    language: localStorage.getItem("vanban.language") || ((navigator.language || "vi").slice(0, 2) === "en" ? "en" : "vi"),
    template: null,
    schema: null,
    data: null,
    builder: null,
    timer: null,
    sequence: 0,
    inFlight: null,
    pdfWorker: null,
    previews: 0,
    timing: null
  };
  var $ = function (id) { return document.getElementById(id); };
  var say = function (key, args) { return text(state.language, key, args); };

  function applyTexts() {
    document.documentElement.lang = state.language;
    document.querySelectorAll("[data-text]").forEach(function (node) { node.textContent = say(node.dataset.text); });
    document.querySelectorAll("[data-title]").forEach(function (node) { node.title = say(node.dataset.title); });
    $("language").value = state.language;
  }

  function headers(extra) {
    var all = Object.assign({"Accept-Language": state.language === "vi" ? "vi, en;q=0.5" : "en, vi;q=0.5"}, extra || {});
    var token = $("token").value || sessionStorage.getItem("vanban.token");
    if (token) all.Authorization = "Bearer " + token;
    return all;
  }

  // fetch() against the API; a 401 shows the token box.
  function api(path, options) {
    options = options || {};
    options.headers = headers(options.headers);
    return fetch(path, options).then(function (response) {
      if (response.status === 401) {
        document.querySelector(".token").hidden = false;
        setStatus(say("needToken"), true);
      }
      return response;
    });
  }

  function setStatus(message, bad) {
    $("status").textContent = message;
    $("status").classList.toggle("bad", !!bad);
  }

  function loadTemplates() {
    return api("/v1/templates").then(function (r) { return r.json(); }).then(function (answer) {
      var select = $("template");
      select.textContent = "";
      (answer.templates || []).forEach(function (t) {
        var option = document.createElement("option");
        option.value = t.name;
        option.textContent = t.title ? t.title + " (" + t.name + ")" : t.name;
        select.appendChild(option);
      });
      var wanted = new URLSearchParams(location.search).get("template") || "ke-hoach";
      if ([].some.call(select.options, function (o) { return o.value === wanted; })) select.value = wanted;
      return chooseTemplate(select.value);
    });
  }

  function chooseTemplate(name, data) {
    state.template = name;
    return Promise.all([
      api("/v1/templates/" + encodeURIComponent(name) + "/schema").then(function (r) { return r.json(); }),
      data ? Promise.resolve(data) : api("/v1/templates/" + encodeURIComponent(name) + "/example").then(function (r) { return r.ok ? r.json() : {}; })
    ]).then(function (loaded) {
      state.schema = loaded[0];
      showData(loaded[1]);
    });
  }

  function showData(data) {
    state.data = data;
    state.builder = new Form.Builder($("form"), state.schema, state.data, dataChanged, say);
    state.builder.build();
    preview();
  }

  function dataChanged() {
    // A preview on its way shows the data before this change: it must not be shown, nor
    // counted, as the current one (the next preview comes after the pause).
    state.sequence++;
    if (state.inFlight) state.inFlight.abort();
    clearTimeout(state.timer);
    state.timer = setTimeout(preview, PREVIEW_PAUSE_MS);
  }

  // The address that renders the data in `format`, with the page's render settings as the
  // query parameters of POST /v1/render.
  function renderUrl(format) {
    return "/v1/render/" + encodeURIComponent(state.template) + "?format=" + format + ($("draft").checked ? "&draft=true" : "");
  }

  // Renders the data as PDF; on success shows it, on a problem shows it next to its field.
  function preview() {
    var sequence = ++state.sequence;
    if (state.inFlight) state.inFlight.abort();
    var controller = new AbortController();
    state.inFlight = controller;
    var started = performance.now();
    setStatus(say("rendering"));
    return api(renderUrl("pdf"), {
      method: "POST", body: JSON.stringify(state.data), headers: {"Content-Type": "application/json"}, signal: controller.signal
    }).then(function (response) {
      if (!response.ok) return response.json().then(function (problem) { if (sequence === state.sequence) showProblem(problem); });
      var warnings = JSON.parse(response.headers.get("Vanban-Warnings") || "[]");
      return response.arrayBuffer().then(function (bytes) {
        if (sequence !== state.sequence) return;
        var received = performance.now(), first = 0;
        return showPdf(bytes, function () { first = performance.now(); }).then(function (pages) {
          if (sequence !== state.sequence) return;
          clearProblems();
          state.previews++;
          $("pages").dataset.previews = String(state.previews);
          // On performance.now()'s clock, as the browser's resource timing (for the tests).
          state.timing = {started: started, received: received, first: first, all: performance.now(), pages: pages};
          setStatus(say("renderedIn", {server: Math.round(received - started), first: Math.round(first - started),
                                       all: Math.round(performance.now() - started), pages: pages}) + warningsText(warnings));
        });
      });
    }).catch(function (error) {
      if (error.name !== "AbortError") setStatus(say("cannotReach", {reason: error.message}), true);
    });
  }

  // What the server warned of (its Vanban-Warnings header: characters the PDF's fonts lack,
  // lines too long for their column…), after the status: the first, and how many more.
  function warningsText(warnings) {
    if (!warnings.length) return "";
    var text = " — " + say("warning", {message: warnings[0].message});
    return warnings.length > 1 ? text + " " + say("moreWarnings", {count: warnings.length - 1}) : text;
  }

  function clearProblems() {
    Form.clearProblems($("form"));
    $("errors").hidden = true;
    $("pages").classList.remove("stale");
  }

  function showProblem(problem) {
    var list = problem.errors && problem.errors.length ? problem.errors : [problem];
    var orphans = Form.showProblems($("form"), list.map(function (p) { return {json_path: p.json_path || "", message: p.message || p.detail}; }));
    var box = $("errors");
    box.textContent = "";
    box.appendChild(document.createTextNode(say("problems", {count: list.length})));
    var ul = document.createElement("ul");
    list.forEach(function (p) {
      var li = document.createElement("li");
      var where = p.json_path || (p.line ? p.file + ":" + p.line + ":" + p.column : say("whole"));
      li.textContent = where + ": " + (p.message || p.detail) + (p.hint && list.length === 1 ? " — " + p.hint : "");
      ul.appendChild(li);
    });
    box.appendChild(ul);
    box.hidden = false;
    $("pages").classList.add("stale");
    setStatus(problem.title || "", true);
    return orphans;
  }

  // Draws every page with pdf.js (Debian's libjs-pdf) when the server has it, else lets the
  // browser's own viewer show the file. Resolves to the number of pages.
  function startPdfWorker() {
    if (!window.pdfjsLib || state.pdfWorker) return;
    // One worker for every preview, started with the page: starting pdf.js's worker costs
    // far more than drawing a page.
    pdfjsLib.GlobalWorkerOptions.workerSrc = "/pdfjs/pdf.worker.js";
    state.pdfWorker = new pdfjsLib.PDFWorker();
  }

  // Draws the pages with pdf.js (Debian's libjs-pdf) when the server has it, else lets the
  // browser's own viewer show the file. The page in view is drawn first and each page
  // replaces its old picture as soon as it is drawn; `onFirst` is called then. Resolves to
  // the number of pages.
  function showPdf(bytes, onFirst) {
    var pages = $("pages");
    if (!window.pdfjsLib) {
      var frame = document.createElement("iframe");
      frame.src = URL.createObjectURL(new Blob([bytes], {type: "application/pdf"}));
      pages.textContent = "";
      pages.appendChild(frame);
      onFirst();
      return Promise.resolve(1);
    }
    startPdfWorker();
    var task = pdfjsLib.getDocument({data: new Uint8Array(bytes), isEvalSupported: false, worker: state.pdfWorker});
    return task.promise.then(function (pdf) {
      var width = Math.max(300, pages.clientWidth - 30);
      var order = drawingOrder(pdf.numPages, pageInView());
      var chain = Promise.resolve();
      order.forEach(function (number, i) {
        chain = chain.then(function () { return drawPage(pdf, number, width); }).then(function (canvas) {
          placePage(canvas, number);
          if (i === 0) onFirst();
        });
      });
      return chain.then(function () {
        var canvases = pages.querySelectorAll("canvas");
        for (var n = pdf.numPages; n < canvases.length; n++) canvases[n].remove();
        pages.querySelectorAll("iframe").forEach(function (f) { f.remove(); });
        pdf.destroy();
        return pdf.numPages;
      });
    });
  }

  // The page most in view (1-based), from the pictures shown now.
  function pageInView() {
    var pages = $("pages");
    var canvases = pages.querySelectorAll("canvas");
    var middle = pages.scrollTop + pages.clientHeight / 2;
    for (var i = 0; i < canvases.length; i++) {
      if (canvases[i].offsetTop + canvases[i].offsetHeight > middle) return i + 1;
    }
    return 1;
  }

  function drawingOrder(count, first) {
    var order = [];
    for (var n = Math.min(first, count); n <= count; n++) order.push(n);
    for (n = 1; n < Math.min(first, count); n++) order.push(n);
    return order;
  }

  function placePage(canvas, number) {
    var pages = $("pages");
    var old = pages.querySelectorAll("canvas")[number - 1];
    if (old) old.replaceWith(canvas);
    else pages.appendChild(canvas);
  }

  function drawPage(pdf, number, width) {
    return pdf.getPage(number).then(function (page) {
      var ratio = window.devicePixelRatio || 1;
      var viewport = page.getViewport({scale: width / page.getViewport({scale: 1}).width * ratio});
      var canvas = document.createElement("canvas");
      canvas.width = viewport.width;
      canvas.height = viewport.height;
      canvas.style.width = viewport.width / ratio + "px";
      canvas.dataset.page = String(number);
      return page.render({canvasContext: canvas.getContext("2d"), viewport: viewport}).promise.then(function () { return canvas; });
    });
  }

  // The name the server gave the file (Content-Disposition's filename*, RFC 8187).
  function fileName(response, fallback) {
    var header = response.headers.get("Content-Disposition") || "";
    var match = header.match(/filename\*=UTF-8''([^;]+)/i);
    return match ? decodeURIComponent(match[1]) : fallback;
  }

  function saveBlob(blob, name) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  function download(format) {
    return api(renderUrl(format), {
      method: "POST", body: JSON.stringify(state.data), headers: {"Content-Type": "application/json"}
    }).then(function (response) {
      if (!response.ok) return response.json().then(showProblem);
      return response.blob().then(function (blob) { saveBlob(blob, fileName(response, state.template + "." + format)); });
    });
  }

  function saveData() {
    saveBlob(new Blob([JSON.stringify(state.data, null, 2) + "\n"], {type: "application/json"}), state.template + ".json");
  }

  function openData(file) {
    file.text().then(function (content) {
      try { showData(JSON.parse(content)); }
      catch (error) { setStatus(say("notJsonFile", {name: file.name, reason: error.message}), true); }
    });
  }

  // A Word draft (or text) -> the data of its template, through POST /v1/import.
  function importDraft(file) {
    setStatus(say("importing", {name: file.name}));
    var type = /\.docx$/i.test(file.name) ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document" : "text/plain";
    return api("/v1/import", {method: "POST", body: file, headers: {"Content-Type": type}}).then(function (response) {
      return response.json().then(function (answer) {
        if (!response.ok) return showProblem(answer);
        var done = answer.template === state.template ? Promise.resolve(showData(answer.data))
                                                       : chooseTemplate(answer.template, answer.data);
        return done.then(function () {
          $("template").value = answer.template;
          setStatus(say("imported", {name: file.name, kept: answer.survival.kept_words, words: answer.survival.input_words,
                                     warnings: answer.warnings.length}));
        });
      });
    }).catch(function (error) { setStatus(say("cannotReach", {reason: error.message}), true); });
  }

  function sizeText(bytes) {
    return bytes < 1048576 ? Math.round(bytes / 1024) + " KB" : (bytes / 1048576).toFixed(1) + " MB";
  }

  // The records' fields that are not the template's (a CSV's "branch.code", a JSON Lines
  // record's "branch"): they name the files and are stripped before rendering.
  function namingFields(records, fileName) {
    var first;
    if (/\.csv$/i.test(fileName)) {
      first = records.split(/\r?\n/)[0].split(",").map(function (c) { return c.trim().replace(/^"|"$/g, ""); });
    } else {
      var line = records.trim().replace(/^\[/, "").split("\n")[0].replace(/,\s*$/, "");
      try { first = leafPaths(JSON.parse(line), ""); } catch (error) { first = []; }
    }
    var known = (state.schema && state.schema.properties) || {};
    return first.filter(function (path) { return path && !(path.split(/[.[]/)[0] in known); });
  }

  function leafPaths(value, prefix) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return [prefix];
    return [].concat.apply([], Object.keys(value).map(function (k) { return leafPaths(value[k], prefix ? prefix + "." + k : k); }));
  }

  function countRecords(records, fileName) {
    var lines = records.split(/\r?\n/).filter(function (l) { return l.trim() !== ""; }).length;
    if (/\.csv$/i.test(fileName)) return Math.max(lines - 1, 0);
    if (/^\s*\[/.test(records)) { try { return JSON.parse(records).length; } catch (error) { return 0; } }
    return lines;
  }

  // ZIP entries whose local header (its signature and the 26 bytes after it) is in `bytes`.
  // The caller keeps the last 29 bytes of one chunk before the next, so that a header cut
  // between chunks is counted once, with the chunk that completes it.
  function countEntries(bytes) {
    var seen = 0;
    for (var i = 0; i + 30 <= bytes.length; i++) {
      if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 3 && bytes[i + 3] === 4) { seen++; i += 29; }
    }
    return seen;
  }

  // Records and the form's data as shared data -> a ZIP of PDF and DOCX, through POST
  // /v1/batch; progress as the ZIP streams in.
  function runBatch(file) {
    var started = performance.now();
    return file.text().then(function (records) {
      var naming = namingFields(records, file.name), total = countRecords(records, file.name);
      var query = "?format=pdf,docx";
      if (naming.length) query += "&output=" + encodeURIComponent("{{ " + naming[0] + " }}-" + state.template);
      naming.map(function (p) { return p.split(/[.[]/)[0]; }).filter(function (v, i, all) { return all.indexOf(v) === i; })
            .forEach(function (top) { query += "&strip=" + encodeURIComponent(top); });
      var form = new FormData();
      form.append("records", file, file.name);
      form.append("data", new Blob([JSON.stringify(state.data)], {type: "application/json"}), "data.json");
      return api("/v1/batch/" + encodeURIComponent(state.template) + query, {method: "POST", body: form}).then(function (response) {
        if (!response.ok) return response.json().then(function (problem) {
          setStatus(say("batchFailed", {reason: problem.message || problem.detail}), true);
        });
        var reader = response.body.getReader(), chunks = [], received = 0, entries = 0;
        var tail = new Uint8Array(0);
        function pump() {
          return reader.read().then(function (step) {
            if (step.done) return;
            chunks.push(step.value);
            received += step.value.length;
            var window = new Uint8Array(tail.length + step.value.length);
            window.set(tail);
            window.set(step.value, tail.length);
            entries += countEntries(window);
            tail = window.slice(Math.max(0, window.length - 29));
            setStatus(say("batchRunning", {name: file.name, done: Math.min(total, Math.floor(entries / 2)), records: total,
                                           size: sizeText(received)}));
            return pump();
          });
        }
        return pump().then(function () {
          saveBlob(new Blob(chunks, {type: "application/zip"}), fileName(response, state.template + ".zip"));
          setStatus(say("batchDone", {records: total, size: sizeText(received),
                                      seconds: ((performance.now() - started) / 1000).toFixed(1)}));
        });
      });
    }).catch(function (error) { setStatus(say("batchFailed", {reason: error.message}), true); });
  }

  function start() {
    startPdfWorker();
    applyTexts();
    $("language").addEventListener("change", function () {
      state.language = $("language").value;
      localStorage.setItem("vanban.language", state.language);
      applyTexts();
      state.builder.say = say;
      state.builder.build();
      preview();
    });
    $("template").addEventListener("change", function () { chooseTemplate($("template").value); });
    $("draft").addEventListener("change", preview);
    $("save").addEventListener("click", saveData);
    $("load").addEventListener("click", function () { $("load-file").click(); });
    $("load-file").addEventListener("change", function () { if (this.files[0]) openData(this.files[0]); this.value = ""; });
    $("download-pdf").addEventListener("click", function () { download("pdf"); });
    $("download-docx").addEventListener("click", function () { download("docx"); });
    $("import").addEventListener("click", function () { $("import-file").click(); });
    $("import-file").addEventListener("change", function () { if (this.files[0]) importDraft(this.files[0]); this.value = ""; });
    $("batch").addEventListener("click", function () { $("batch-file").click(); });
    $("batch-file").addEventListener("change", function () { if (this.files[0]) runBatch(this.files[0]); this.value = ""; });
    $("token").addEventListener("change", function () { sessionStorage.setItem("vanban.token", $("token").value); loadTemplates(); });
    loadTemplates().catch(function (error) { setStatus(say("cannotReach", {reason: error.message}), true); });
  }

  window.vanbanPage = state; // for the browser tests
  document.addEventListener("DOMContentLoaded", start);
})();
