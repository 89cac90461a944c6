// Runs first in each hidden frame of omg-iframe-worker.js: gives the worker's
// script what it expects of a worker. Its replies go to the page; it loads
// further scripts in order, as importScripts does.
(function () {
  window.postMessage = function (data) {
    parent.postMessage(data, "*"); // a page opened from file:// has no origin to name
  };
  window.importScripts = function () {
    return Array.prototype.reduce.call(arguments, function (done, src) {
      return done.then(function () {
        return new Promise(function (resolve, reject) {
          var script = document.createElement("script");
          script.src = src;
          script.onload = resolve;
          script.onerror = reject;
          document.body.appendChild(script);
        });
      });
    }, Promise.resolve());
  };
})();
