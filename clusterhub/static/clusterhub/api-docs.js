// Starts the vendored Swagger UI on the API's docs page (/api/v1/docs). A static file rather
// than an inline script, so the page keeps the site's Content-Security-Policy.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({
    url: root.dataset.openapiUrl,
    domNode: root,
    deepLinking: true,
    layout: "BaseLayout",
  });
})();
