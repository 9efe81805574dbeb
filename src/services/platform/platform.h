/* platform.h - the public platform routes (health, info, metrics, API docs); routes.c. */
#ifndef DL_PLATFORM_H
#define DL_PLATFORM_H

#include "services/service.h"

extern const route_def platform_routes[];
extern const size_t platform_route_count;

int platform_health(http_req *r);
int platform_liveness(http_req *r);
int platform_readiness(http_req *r);
int platform_info(http_req *r);
int platform_metrics(http_req *r);
int platform_openapi(http_req *r);
int platform_asyncapi(http_req *r);
int platform_swagger_ui_index(http_req *r); /* GET /swagger-ui/ (swagger_ui.c) */
int platform_swagger_ui_file(http_req *r);  /* GET /swagger-ui/{file} */

#endif
