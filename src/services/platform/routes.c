/* routes.c - the platform's routes (public: no token). */
#include "services/platform/platform.h"

#define PLATFORM(m, p, h, s) {.method = m, .pattern = p, .roles = ROLES_PUBLIC, .errors = ERR_STYLE_MESSAGE, .handler = h, .service = "platform", .summary = s}

const route_def platform_routes[] = {
    PLATFORM("GET", "/health", platform_health, "Health of the service and its database"),
    PLATFORM("GET", "/health/liveness", platform_liveness, "Liveness probe"),
    PLATFORM("GET", "/health/readiness", platform_readiness, "Readiness probe: DOWN while the database cannot be queried"),
    PLATFORM("GET", "/info", platform_info, "Build name and version"),
    PLATFORM("GET", "/metrics", platform_metrics, "Prometheus metrics"),
    PLATFORM("GET", "/v3/api-docs", platform_openapi, "OpenAPI document generated from the route table"),
    PLATFORM("GET", "/swagger-ui/", platform_swagger_ui_index, "Swagger UI (DELIUSD_SWAGGER_UI_DIR)"),
    PLATFORM("GET", "/swagger-ui/{file}", platform_swagger_ui_file, "Swagger UI files"),
    PLATFORM("GET", "/docs/asyncapi", platform_asyncapi, "AsyncAPI document of the message channels deliusd consumes"),
};
const size_t platform_route_count = sizeof platform_routes / sizeof platform_routes[0];
