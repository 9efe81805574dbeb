/* embedded.h - files compiled into the binary by tools/embed.c (see Makefile). */
#ifndef DL_EMBEDDED_H
#define DL_EMBEDDED_H

struct embedded_file {
    const char *name; /* base name, e.g. "0001_schema.sql"; NULL ends the list */
    const char *data; /* NUL-terminated contents */
};

/* The .sql files of src/db/schema, in name order. */
extern const struct embedded_file embedded_schema[];
/* The .json files of docs/api served by the API (asyncapi.json, ...). */
extern const struct embedded_file embedded_docs[];

/* Returns the contents of the named file in list, or NULL. */
const char *embedded_find(const struct embedded_file *list, const char *name);

#endif
