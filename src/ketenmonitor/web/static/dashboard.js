// ketenmonitor dashboard: draws the charts (Vega-Lite via vega-embed from /static/vega-bundle.js)
// and updates the page in place when a filter changes. Without JavaScript the form still works
// (the "Show" button submits it) and every figure is in the tables.
(function () {
  "use strict";

  var form = document.getElementById("filters");
  var status = document.getElementById("status");
  var sequence = 0;
  var renders = 0;

  function drawCharts(root) {
    var boxes = root.querySelectorAll("[data-spec]");
    var jobs = [];
    boxes.forEach(function (box) {
      var source = document.getElementById(box.getAttribute("data-spec"));
      if (!source || typeof window.vegaEmbed !== "function") {
        return;
      }
      var spec = JSON.parse(source.textContent);
      jobs.push(
        window.vegaEmbed(box, spec, { renderer: "svg", actions: false }).then(function (result) {
          box.classList.add("drawn");
          return result;
        })
      );
    });
    return Promise.all(jobs).then(function () {
      renders += 1;
      document.documentElement.setAttribute("data-rendered", String(renders));
    });
  }

  function query() {
    var params = new URLSearchParams(new FormData(form));
    Array.from(params.keys()).forEach(function (key) {
      if (params.get(key) === "") {
        params.delete(key);
      }
    });
    return "/?" + params.toString();
  }

  function swap(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.getElementById("content");
    var current = document.getElementById("content");
    if (!fresh || !current) {
      return false;
    }
    current.replaceWith(fresh);
    // the table choice depends on the source and form: take its options from the new page
    var select = document.getElementById("f-table");
    var freshSelect = doc.getElementById("f-table");
    if (select && freshSelect) {
      select.innerHTML = freshSelect.innerHTML;
      select.value = freshSelect.value;
    }
    var link = document.getElementById("lang-switch");
    var freshLink = doc.getElementById("lang-switch");
    if (link && freshLink) {
      link.setAttribute("href", freshLink.getAttribute("href"));
    }
    document.title = doc.title;
    return true;
  }

  function load(url, push) {
    sequence += 1;
    var mine = sequence;
    document.documentElement.setAttribute("aria-busy", "true");
    return fetch(url, { headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        if (mine !== sequence) {
          return null; // a newer choice is on its way
        }
        if (!swap(html)) {
          throw new Error("unexpected page");
        }
        if (push) {
          history.pushState({ url: url }, "", url);
        }
        var content = document.getElementById("content");
        var title = content ? content.getAttribute("data-title") : "";
        status.textContent = (status.getAttribute("data-updated") || "").replace("{title}", title);
        return drawCharts(document);
      })
      .catch(function () {
        window.location.assign(url); // let the server say what went wrong
      })
      .finally(function () {
        if (mine === sequence) {
          document.documentElement.removeAttribute("aria-busy");
        }
      });
  }

  if (form) {
    form.addEventListener("change", function () {
      load(query(), true);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      load(query(), true);
    });
  }
  window.addEventListener("popstate", function () {
    window.location.reload();
  });
  drawCharts(document);
})();
