// The query page: YASGUI pointed at this server's /sparql, with the cookbook
// (from /queries.json) offered in a drop-down. No request leaves this server.
(function () {
  "use strict";

  var endpoint = new URL("sparql", window.location.href).href;
  document.getElementById("endpoint").textContent = endpoint;

  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    endpointCatalogueOptions: {
      getData: function () { return [{ endpoint: endpoint }]; },
      keys: []
    }
  });

  var select = document.getElementById("cookbook");
  var openButton = document.getElementById("open-query");
  var description = document.getElementById("description");
  var cookbook = {};

  function describe(entry) {
    var text = entry.title + (entry.description ? " — " + entry.description : "");
    var params = Object.keys(entry.params || {});
    if (params.length) {
      text += " (edit the VALUES line to set: " + params.map(function (name) {
        return "?" + name + ": " + entry.params[name];
      }).join("; ") + ")";
    }
    description.textContent = text;
  }

  // Put a cookbook query into a tab named after it and select that tab.
  function showQuery(entry, newTab) {
    var tab = newTab ? yasgui.addTab(true, { name: entry.name }) : yasgui.getTab();
    tab.setQuery(entry.query);
    if (!newTab && tab.setName) { tab.setName(entry.name); }
    tab.setEndpoint(endpoint);
    describe(entry);
    return tab;
  }

  select.addEventListener("change", function () {
    var entry = cookbook[select.value];
    openButton.disabled = !entry;
    if (entry) { showQuery(entry, false); }
  });
  openButton.addEventListener("click", function () {
    var entry = cookbook[select.value];
    if (entry) { showQuery(entry, true); }
  });

  fetch("queries.json")
    .then(function (response) { return response.json(); })
    .then(function (entries) {
      entries.forEach(function (entry) {
        cookbook[entry.name] = entry;
        var option = document.createElement("option");
        option.value = entry.name;
        option.textContent = entry.name + " — " + entry.title;
        select.appendChild(option);
      });
      document.body.setAttribute("data-cookbook-loaded", String(entries.length));
    })
    .catch(function (error) {
      description.textContent = "Could not load the cookbook: " + error;
    });

  window.govkg = { yasgui: yasgui, endpoint: endpoint, cookbook: cookbook };
})();
