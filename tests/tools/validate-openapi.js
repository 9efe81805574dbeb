// validate-openapi.js FILE - validates an OpenAPI document with
// @apidevtools/swagger-parser (schema + $ref resolution); prints a JSON summary.
const SwaggerParser = require("@apidevtools/swagger-parser");
const fs = require("fs");
(async () => {
  const doc = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  try {
    const api = await SwaggerParser.validate(doc);
    let ops = 0;
    for (const p of Object.values(api.paths)) ops += Object.keys(p).length;
    console.log(JSON.stringify({ valid: true, paths: Object.keys(api.paths).length, operations: ops }));
  } catch (e) {
    console.log(JSON.stringify({ valid: false, error: String(e.message || e) }));
    process.exit(1);
  }
})();
