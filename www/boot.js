// Starts the engine's Web Worker as soon as the page starts loading, so its 4 MB of wasm downloads and
// compiles while the editor bundle and the page's own wasm load. The page (src/web/page/worker_client.rs)
// adopts that first worker, with what it sent before the page was up, and calls `start` for every later
// one (after Stop or a crash). A worker starts from a `blob:` script that loads the wasm-bindgen output by
// absolute URL, or from Trunk's loader shim where `blob:` workers are not allowed.
//
// `window.tickscopeBoot` is internal to the page, not part of docs/page-contract.md.
(function () {
  "use strict";
  var absolute = function (name) { return JSON.stringify(new URL(name, document.baseURI).href); };
  var bootstrap = null;
  var boot = {
    start: function () {
      try {
        if (!bootstrap) {
          // A module that fails to load would otherwise leave only an unhandled rejection inside the
          // worker: report it as a crash, which the page shows and retries.
          var source = "importScripts(" + absolute("tickscope-worker.js") + ");"
            + "wasm_bindgen({module_or_path:" + absolute("tickscope-worker_bg.wasm") + "}).catch(function (e) {"
            + "postMessage(JSON.stringify({type:'crashed',message:'its code did not load ('+e+')'}));});";
          bootstrap = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
        }
        return new Worker(bootstrap);
      } catch (error) {
        console.warn("tickscope: no blob: worker (" + error + "); using the loader shim");
        return new Worker("./tickscope-worker_loader.js");
      }
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
