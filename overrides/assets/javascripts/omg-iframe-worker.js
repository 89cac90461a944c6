// Search in the offline copy (omg/offline.py adds this file to that build only).
// Browsers will not start a web worker from a page opened from file://, so
// there the worker's script runs in a hidden frame instead. After the
// iframe-worker shim by Martin Donath (MIT licence), changed to load its set-up
// from a file: the site's security policy (omg/csp.py) allows no inline script.
(function () {
  if (location.protocol !== "file:") return;
  var setup = new URL("omg-iframe-worker-frame.js", document.currentScript.src).href;

  class FrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.frame = document.createElement("iframe");
      this.frame.hidden = true;
      document.body.appendChild(this.frame);
      var frameWindow = this.frame.contentWindow;
      // Every frame posts to this window: pass on only this worker's messages.
      this.listener = (event) => {
        if (event.source !== frameWindow) return;
        var message = new MessageEvent("message", { data: event.data });
        this.dispatchEvent(message);
        if (this.onmessage) this.onmessage(message);
      };
      window.addEventListener("message", this.listener);
      this.ready = new Promise((resolve) => this.frame.addEventListener("load", resolve, { once: true }));
      frameWindow.document.open();
      frameWindow.document.write('<!doctype html><body><script src="' + setup + '"></script>' +
        '<script src="' + String(url) + '"></script></body>');
      frameWindow.document.close();
    }

    postMessage(data) {
      this.ready.then(() => {
        this.frame.contentWindow.dispatchEvent(new MessageEvent("message", { data: structuredClone(data) }));
      });
    }

    terminate() {
      window.removeEventListener("message", this.listener);
      this.frame.remove();
    }
  }

  window.Worker = FrameWorker;
})();
