// Starts the engine's Web Worker as soon as the page starts loading, so its 4 MB of wasm downloads and
// compiles while the editor bundle and the page's own wasm load. The page (src/web/page/worker_link/worker_client.rs)
// adopts that first worker, with what it sent before the page was up, and calls `start` for every later
// one (after Stop or a crash). A worker starts from a `blob:` script that loads the wasm-bindgen output by
// absolute URL, or from Trunk's loader shim where `blob:` workers are not allowed.
//
// The `blob:` script holds the messages that reach the worker before its engine has started, for the engine
// to read first (`tickscopeEarlyMessages`, src/web/worker.rs): the page may send a run to such a worker at
// once, without waiting for `ready` (`buffers(worker)` says which workers do this).
//
// `window.tickscopeBoot` is internal to the page, not part of docs/page-contract.md.
(function () {
  "use strict";
  var absolute = function (name) { return JSON.stringify(new URL(name, document.baseURI).href); };
  var bootstrap = null;
  var buffering = new WeakSet();
  var boot = {
    start: function () {
      try {
        if (!bootstrap) {
          // A module that fails to load would otherwise leave only an unhandled rejection inside the
          // worker: report it as a crash, which the page shows and retries.
          var source = "var early = [];"
            + "self.onmessage = function (e) { early.push(e); };"
            + "self.tickscopeEarlyMessages = function () {"
            + "var taken = early; early = []; self.onmessage = null; return taken; };"
            + "importScripts(" + absolute("tickscope-worker.js") + ");"
            + "wasm_bindgen({module_or_path:" + absolute("tickscope-worker_bg.wasm") + "}).catch(function (e) {"
            + "postMessage(JSON.stringify({type:'crashed',message:'its code did not load ('+e+')'}));});";
          bootstrap = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
        }
        var worker = new Worker(bootstrap);
        buffering.add(worker);
        return worker;
      } catch (error) {
        console.warn("tickscope: no blob: worker (" + error + "); using the loader shim");
        return new Worker("./tickscope-worker_loader.js");
      }
    },
    /** Whether `worker` holds the messages sent before its engine started (a `blob:` worker). */
    buffers: function (worker) {
      return buffering.has(worker);
    },
    early: null,
    takeEarly: function () {
      var early = boot.early;
      boot.early = null;
      if (early) {
        early.worker.onmessage = early.worker.onerror = early.worker.onmessageerror = null;
      }
      return early;
    },
  };
  try {
    var early = { worker: boot.start(), events: [] };
    var keep = function (event) {
      if (event.type !== "message") event.preventDefault();
      early.events.push(event);
    };
    early.worker.onmessage = early.worker.onerror = early.worker.onmessageerror = keep;
    boot.early = early;
  } catch (error) {
    console.warn("tickscope: could not start the engine's worker early (" + error + "); the page will try again");
  }
  window.tickscopeBoot = boot;
})();
