// fclint's JupyterLab extension, written by hand (no build step): a module-federation container
// as JupyterLab loads one, whose plugin registers a foreign-code extractor with jupyterlab-lsp.
//
// jupyterlab-lsp rewrites a `%%fclint` cell into a get_ipython().run_cell_magic(...) call in the
// notebook's Python document and silences every diagnostic on that cell's lines (cell magics
// are not Python). The extractor takes the whole cell, magic line included, out of the Python
// document into a document of language "fclint", which fclint's server (its jupyter-lsp spec
// lists the language) lints as `fclint check nb.ipynb` lints the cell: the document's lines
// are the cell's, so each diagnostic lands where the cell shows the mistake.
var _JUPYTERLAB;
(function () {
  "use strict";
  var NAME = "fclint-jupyterlab";
  var MAGIC = /^%%fclint(?:[ \t][^\n]*)?(?:\n|$)/;
  var shareScope = null;

  function shared(name) {
    var versions = shareScope && shareScope[name];
    if (!versions) {
      return Promise.reject(new Error(NAME + ": " + name + " is not shared by JupyterLab"));
    }
    var found = Object.keys(versions).map(function (v) { return versions[v]; });
    var entry = found.filter(function (e) { return e.loaded; })[0] || found[0];
    return Promise.resolve(entry.get()).then(function (factory) { return factory(); });
  }

  var extractor = {
    language: "fclint",
    standalone: true, // one document per cell: each cell is linted on its own
    fileExtension: "fclint",
    cellType: ["code"],
    hasForeignCode: function (code, cellType) {
      return cellType === "code" && MAGIC.test(code);
    },
    extractForeignCode: function (code) {
      var lines = code.split("\n");
      var last = lines.length - 1;
      return [{
        foreignCode: code,
        range: { start: { line: 0, column: 0 }, end: { line: last, column: lines[last].length } },
        virtualShift: { line: 0, column: 0 },
        hostCode: "" // nothing of the cell is left in the Python document
      }];
    }
  };

  function plugin(lsp) {
    return {
      id: NAME + ":extractor",
      description: "Lints %%fclint cells with fclint's language server.",
      autoStart: true,
      requires: [lsp.ILSPCodeExtractorsManager],
      activate: function (app, extractors) {
        extractors.register(extractor, "python");
      }
    };
  }

  var container = {
    init: function (scope) {
      shareScope = scope;
    },
    get: function (module) {
      if (module !== "./extension") {
        return Promise.reject(new Error(NAME + ": no module " + module));
      }
      return shared("@jupyterlab/lsp").then(function (lsp) {
        var exports = { __esModule: true, default: plugin(lsp) };
        return function () { return exports; };
      });
    }
  };
  _JUPYTERLAB = _JUPYTERLAB || {};
  _JUPYTERLAB[NAME] = container;
})();
