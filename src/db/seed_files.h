/*
 * seed_files.h - the files behind seeded documents (`deliusd seed`): after the
 * rows are loaded, a small real PDF is written into the local document store
 * for each seeded DOCUMENT that has a store id (ALFRESCO_DOCUMENT_ID), so that
 * /probation-case/{crn}/documents/{id} downloads something on the demo database.
 *
 * Only for a local directory store (a remote store is left alone). At most
 * `limit` files, in DOCUMENT_ID order (the first people's documents), so a
 * million-person seed does not write millions of files. A file that already
 * exists is overwritten (the same random seed gives the same ids).
 */
#ifndef DL_SEED_FILES_H
#define DL_SEED_FILES_H

#include <stddef.h>

#include "db/db.h"
#include "store/docstore.h"

/* A one-page PDF naming the document (title and name lines); malloc'd, *len set. */
char *seed_pdf(const char *title, const char *line, size_t *len);

/* Writes the files; *written = how many. Returns 0, or -1 with a message in err. */
int seed_document_files(db_conn *c, docstore *s, long limit, long *written, char *err, size_t errlen);

#endif
