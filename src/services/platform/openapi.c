/*
 * openapi.c - GET /v3/api-docs: the OpenAPI 3.0 document, generated from the
 * route table plus the contract data of the seeds.
 *
 * Sources (nothing here is a copy of the contract):
 *   - the route table (every route and alias path; roles; error style; summary;
 *     the response schema name `schema`, "Name" or "Name[]" for an array);
 *   - docs/api/contract.json, embedded at build time: made from the seed files
 *     by tools/seed2openapi.py (tests/api/test_openapi.py checks the committed
 *     file against a fresh run). It holds every seed schema as an OpenAPI schema
 *     object (components/schemas), each seed operation's typed parameters and
 *     200 schema name, and the few platform/error schemas no seed describes.
 *
 * Per operation: parameters from the seed operation of the route's service for
 * the same method and path (integer path variables, boolean and list query
 * parameters, required flags); any path variable the seed does not type is a
 * string. 200 carries the schema named by the route, else by the seed
 * operation, else by the platform table below. Error responses: 400 (framework
 * shape, or the route's style from a handler), 401/403 (protected routes), 404
 * (routes with path variables) in the route's style — {status,message} or
 * {status,developerMessage} (platform.md §3). Protected operations carry the
 * bearer security requirement and their roles (x-roles, and in the text).
 *
 * The document is built once, on the first request (pthread_once), and kept
 * for the life of the process: the route table and the contract never change
 * while running.
 */
#include <ctype.h>
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/embedded.h"
#include "core/log.h"
#include "core/server.h"
#include "services/platform/platform.h"
#include "services/roles.h"
#include "services/tier/tier.h"

/* Response schemas of routes that no seed describes, by handler. */
static const struct {
    http_handler handler;
    const char *schema;       /* component name */
    const char *alt_type;     /* a second content type the route can answer, or NULL */
} platform_schemas[] = {
    {platform_health, "Health", NULL},
    {platform_liveness, "Health", NULL},
    {platform_readiness, "Health", NULL},
    {platform_info, "Info", NULL},
    {platform_metrics, NULL, "text/plain"},
    {platform_openapi, "OpenApiDocument", NULL},
    {platform_asyncapi, "AsyncApiDocument", NULL},
    {tier_probation_cases, "CrnList", "text/plain"},
    {platform_swagger_ui_index, NULL, "text/html"},
    {platform_swagger_ui_file, NULL, "application/octet-stream"},
};

static pthread_once_t doc_once = PTHREAD_ONCE_INIT;
static char *doc_text;
static size_t doc_len;

static json_t *ref_to(const char *component) {
    char target[256];
    snprintf(target, sizeof target, "#/components/schemas/%s", component);
    return json_pack("{s:s}", "$ref", target);
}

static json_t *error_body(err_style style) {
    return ref_to(style == ERR_STYLE_DEVELOPER ? "DeveloperErrorResponse" : "ErrorResponse");
}

static json_t *json_content(json_t *schema) {
    return json_pack("{s:{s:o}}", "application/json", "schema", schema);
}

static json_t *response(const char *description, json_t *content) {
    json_t *r = json_pack("{s:s}", "description", description);
    if (content) json_object_set_new(r, "content", content);
    return r;
}

/* The 200 schema of route d at `path`, or NULL (no JSON schema known). Sets
 * *alt_type to a second content type when the route has one. */
static json_t *ok_schema(const route_def *d, const json_t *seed_op, const json_t *names, const json_t *schemas,
                         const char **alt_type, bool *no_json) {
    *alt_type = NULL;
    *no_json = false;
    const char *name = d->schema;
    for (size_t i = 0; i < sizeof platform_schemas / sizeof platform_schemas[0]; i++)
        if (platform_schemas[i].handler == d->handler) {
            *alt_type = platform_schemas[i].alt_type;
            if (!name) name = platform_schemas[i].schema;
            if (!name) *no_json = true;
        }
    if (!name && seed_op) name = json_string_value(json_object_get(seed_op, "schema"));
    if (!name) return NULL;
    char base[128];
    size_t n = strlen(name);
    bool array = n > 2 && !strcmp(name + n - 2, "[]");
    if (array) n -= 2;
    if (n >= sizeof base) return NULL;
    memcpy(base, name, n);
    base[n] = 0;
    const char *component = json_string_value(json_object_get(names, base)); /* seed-qualified name */
    if (!component) component = base;
    if (!json_object_get(schemas, component)) {
        log_msg(LOG_WARN, "openapi: a route names a schema the contract does not define", "route", d->pattern,
                "schema", name, NULL);
        return NULL;
    }
    if (!strcmp(base, "StreamingResponseBody")) { /* a file: bytes, not JSON */
        *no_json = true;
        *alt_type = "application/octet-stream";
        return NULL;
    }
    json_t *s = ref_to(component);
    return array ? json_pack("{s:s,s:o}", "type", "array", "items", s) : s;
}

static bool has_param(const json_t *params, const char *name, const char *in) {
    size_t i;
    json_t *p;
    json_array_foreach(params, i, p) {
        if (!strcmp(json_string_value(json_object_get(p, "name")), name) &&
            !strcmp(json_string_value(json_object_get(p, "in")), in))
            return true;
    }
    return false;
}

/* Parameters: the seed's (path ones only when the pattern has that variable),
 * then a string path parameter for every variable the seed did not type. */
static json_t *parameters(const char *path, const json_t *seed_op) {
    json_t *out = json_array();
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(seed_op, "parameters"), i, p) {
        const char *name = json_string_value(json_object_get(p, "name"));
        const char *in = json_string_value(json_object_get(p, "in"));
        if (!name || !in) continue;
        if (!strcmp(in, "path")) {
            char var[128];
            snprintf(var, sizeof var, "{%s}", name);
            if (!strstr(path, var)) continue;
        }
        json_array_append(out, p);
    }
    for (const char *b = strchr(path, '{'); b; b = strchr(b + 1, '{')) {
        const char *e = strchr(b, '}');
        if (!e) break;
        char name[128];
        size_t n = (size_t)(e - b - 1);
        if (n >= sizeof name) continue;
        memcpy(name, b + 1, n);
        name[n] = 0;
        if (has_param(out, name, "path")) continue;
        json_array_append_new(out, json_pack("{s:s,s:s,s:b,s:{s:s}}", "name", name, "in", "path", "required", 1,
                                             "schema", "type", "string"));
    }
    return out;
}

/* The route's roles in the roles table's order, the admin role (which passes
 * every protected route) last. */
static json_t *roles_array(unsigned roles) {
    json_t *a = json_array();
    for (size_t k = 0; k < role_count; k++)
        if ((roles & role_table[k].bit) && role_table[k].bit != ROLE_ADMIN)
            json_array_append_new(a, json_string(role_table[k].authority));
    const char *admin = role_authority(ROLE_ADMIN);
    if (admin) json_array_append_new(a, json_string(admin));
    return a;
}

static json_t *operation(const route_def *d, const char *path, bool alias, const json_t *contract) {
    const json_t *ops = json_object_get(json_object_get(contract, "operations"), d->service);
    const json_t *names = json_object_get(json_object_get(contract, "schemaNames"), d->service);
    const json_t *schemas = json_object_get(contract, "schemas");
    char key[512];
    snprintf(key, sizeof key, "%s %s", d->method, path);
    const json_t *seed_op = json_object_get(ops, key);
    if (!seed_op && alias) { /* an alias the seed does not list: the main path's */
        snprintf(key, sizeof key, "%s %s", d->method, d->pattern);
        seed_op = json_object_get(ops, key);
    }

    json_t *op = json_object();
    char id[512];
    size_t n = 0;
    for (const char *s = d->method; *s && n + 1 < sizeof id; s++) id[n++] = (char)tolower((unsigned char)*s);
    for (const char *s = path; *s && n + 1 < sizeof id; s++)
        if (isalnum((unsigned char)*s)) id[n++] = *s;
        else if (n && id[n - 1] != '_') id[n++] = '_';
    while (n && id[n - 1] == '_') n--;
    id[n] = 0;
    json_object_set_new(op, "operationId", json_string(id));
    json_object_set_new(op, "summary", json_string(d->summary ? d->summary : path));
    json_object_set_new(op, "tags", json_pack("[s]", d->service));

    char desc[1024];
    size_t dl = 0;
    desc[0] = 0;
    const char *seed_desc = json_string_value(json_object_get(seed_op, "description"));
    if (seed_desc) dl += (size_t)snprintf(desc, sizeof desc, "%s\n\n", seed_desc);
    if (alias && dl < sizeof desc) {
        dl += (size_t)snprintf(desc + dl, sizeof desc - dl, "Alias of `%s`.\n\n", d->pattern);
        json_object_set_new(op, "x-alias-of", json_string(d->pattern));
    }
    if (d->roles) {
        json_t *roles = roles_array(d->roles);
        if (dl < sizeof desc) dl += (size_t)snprintf(desc + dl, sizeof desc - dl, "Roles (any of):");
        size_t i;
        json_t *r;
        json_array_foreach(roles, i, r) {
            if (dl < sizeof desc)
                dl += (size_t)snprintf(desc + dl, sizeof desc - dl, "%s `%s`", i ? "," : "", json_string_value(r));
        }
        json_object_set_new(op, "x-roles", roles);
        json_object_set_new(op, "security", json_pack("[{s:[]}]", "hmpps-auth"));
    } else {
        if (dl < sizeof desc) dl += (size_t)snprintf(desc + dl, sizeof desc - dl, "Public: no token needed.");
        json_object_set_new(op, "security", json_array());
    }
    json_object_set_new(op, "description", json_string(desc));

    const char *body = json_string_value(json_object_get(seed_op, "requestBody"));
    if (body)
        json_object_set_new(op, "requestBody", json_pack("{s:b,s:o}", "required", 1, "content", json_content(ref_to(body))));
    json_t *params = parameters(path, seed_op);
    bool has_params = json_array_size(params) > 0 || body != NULL;
    json_object_set_new(op, "parameters", params);

    json_t *resp = json_object();
    const char *alt = NULL;
    bool no_json = false;
    json_t *schema = ok_schema(d, seed_op, names, schemas, &alt, &no_json);
    json_t *content = json_object();
    if (schema) json_object_set_new(content, "application/json", json_pack("{s:o}", "schema", schema));
    else if (!no_json) json_object_set_new(content, "application/json", json_object());
    if (alt && !strcmp(alt, "application/octet-stream"))
        json_object_set_new(content, alt, json_pack("{s:{s:s,s:s}}", "schema", "type", "string", "format", "binary"));
    else if (alt)
        json_object_set_new(content, alt, json_pack("{s:{s:s}}", "schema", "type", "string"));
    json_object_set_new(resp, "200", response("OK", content));
    if (has_params)
        json_object_set_new(resp, "400",
                            response("Malformed parameter",
                                     json_content(json_pack("{s:[o,o]}", "anyOf", ref_to("FrameworkError"),
                                                            error_body(d->errors)))));
    if (d->roles) {
        json_object_set_new(resp, "401", response("No valid bearer token", json_content(error_body(d->errors))));
        json_object_set_new(resp, "403",
                            response("The token has none of the roles", json_content(error_body(d->errors))));
    }
    if (strchr(path, '{'))
        json_object_set_new(resp, "404", response("Not found", json_content(error_body(d->errors))));
    if (d->roles)
        json_object_set_new(resp, "503", response("Database unavailable", json_content(error_body(d->errors))));
    json_object_set_new(op, "responses", resp);
    return op;
}

static void add_operation(json_t *paths, const route_def *d, const char *path, bool alias, const json_t *contract) {
    json_t *item = json_object_get(paths, path);
    if (!item) {
        item = json_object();
        json_object_set_new(paths, path, item);
    }
    char m[8];
    size_t k = 0;
    for (; d->method[k] && k + 1 < sizeof m; k++) m[k] = (char)tolower((unsigned char)d->method[k]);
    m[k] = 0;
    if (!json_object_get(item, m)) json_object_set_new(item, m, operation(d, path, alias, contract));
}

static const char *service_title(const char *service) {
    if (!strcmp(service, "tier")) return "tier-to-delius: the facts a tier calculation needs";
    if (!strcmp(service, "unpaid-work")) return "unpaid-work-and-delius: case data for unpaid work assessments";
    if (!strcmp(service, "court-case")) return "court-case-and-delius: the probation case record for court tools";
    if (!strcmp(service, "platform")) return "health, info, metrics and API documents (public)";
    return service;
}

static void build_document(void) {
    const char *text = embedded_find(embedded_docs, "contract.json");
    json_error_t err;
    json_t *contract = text ? json_loads(text, 0, &err) : NULL;
    if (!contract) {
        log_msg(LOG_ERROR, "openapi: contract.json unreadable", "error", text ? err.text : "not built into this binary",
                NULL);
        return;
    }
    json_t *doc = json_pack("{s:s,s:{s:s,s:s,s:s}}", "openapi", "3.0.3", "info", "title", "deliusd", "version",
                            DELIUSD_VERSION, "description",
                            "The National Delius probation-integration APIs (tier-to-delius, "
                            "unpaid-work-and-delius, court-case-and-delius) served by one binary. Protected "
                            "operations need a bearer token (RS256 JWT) with one of the roles listed on the "
                            "operation; ROLE_PROBATION_INTEGRATION_ADMIN passes every one.");
    json_t *tags = json_array();
    json_t *paths = json_object();
    size_t route_count = 0;
    const route_def *routes = server_routes(&route_count);
    for (size_t i = 0; i < route_count; i++) {
        const route_def *d = &routes[i];
        bool seen = false;
        size_t t;
        json_t *tag;
        json_array_foreach(tags, t, tag) {
            if (!strcmp(json_string_value(json_object_get(tag, "name")), d->service)) seen = true;
        }
        if (!seen)
            json_array_append_new(tags,
                                  json_pack("{s:s,s:s}", "name", d->service, "description", service_title(d->service)));
        add_operation(paths, d, d->pattern, false, contract);
        if (d->alias) add_operation(paths, d, d->alias, true, contract); /* an alias is a path of its own */
    }
    json_t *components = json_pack("{s:O,s:{s:{s:s,s:s,s:s,s:s}}}", "schemas", json_object_get(contract, "schemas"),
                                   "securitySchemes", "hmpps-auth", "type", "http", "scheme", "bearer",
                                   "bearerFormat", "JWT", "description",
                                   "Paste a token (deliusd token --roles ...), without the word Bearer");
    json_object_set_new(doc, "tags", tags);
    json_object_set_new(doc, "paths", paths);
    json_object_set_new(doc, "components", components);
    doc_text = json_dumps(doc, JSON_COMPACT);
    doc_len = doc_text ? strlen(doc_text) : 0;
    json_decref(doc);
    json_decref(contract);
}

int platform_openapi(http_req *r) {
    pthread_once(&doc_once, build_document);
    if (!doc_text) {
        http_framework_error(r, 500, "OpenAPI document could not be built");
        return 0;
    }
    http_send(r, 200, "application/json", doc_text, doc_len);
    return 0;
}
