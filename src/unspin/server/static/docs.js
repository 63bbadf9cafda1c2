// Starts Swagger UI on /openapi.json (kept out of docs.html: the page allows no inline script).
"use strict";
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
