/*
 * docstore.h - the document store behind document downloads (court-case §5)
 * and assessment uploads (unpaid-work §3).
 *
 * Two backends, chosen by DELIUSD_DOCUMENT_STORE (platform.md §8):
 *   - a local directory (the default, data/documents): the file for an
 *     ALFRESCO_DOCUMENT_ID is <dir>/<id> (ids are checked: [A-Za-z0-9-] only);
 *   - an Alfresco-compatible base URL (http:// or https://): GET {base}/fetch/{id}
 *     to read, POST {base}/uploadnew (multipart) to write, through net/httpc.
 *
 * Reads are streamed in pieces (constant memory whatever the file size).
 * Remote reads (court-case-and-delius.md §5.3): headers Accept: multipart/form-data,
 * X-DocRepository-Remote-User: N00, X-DocRepository-Real-Remote-User: the
 * service user (DELIUSD_SERVICE_USER_COURT_CASE, default CourtCaseAndDelius);
 * connect timeout 1 s, read timeout DELIUSD_DOCUMENT_STORE_TIMEOUT_MS (60 s, no
 * byte for that long aborts); up to 3 attempts 1 s apart for transport errors
 * and 5xx before the first byte is handed on; 404 is final. A transfer runs on
 * its own thread feeding a fixed 256 KiB ring that docstore_read() drains.
 *
 * Threading: docstore_* functions may be called from any thread; a docstore
 * holds no per-call state. Ownership: docstore_open() returns a store the
 * caller frees with docstore_close().
 */
#ifndef DL_DOCSTORE_H
#define DL_DOCSTORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef struct docstore docstore;

enum {
    DOCSTORE_OK = 0,
    DOCSTORE_NOT_FOUND = -1,   /* no such document: the API answers 404 */
    DOCSTORE_UNAVAILABLE = -2, /* store down, timed out, 5xx: the API answers 503 */
    DOCSTORE_ERROR = -3,       /* anything else (bad id, I/O error) */
};

/* spec: a directory path or an http(s):// base URL; NULL = the default directory. */
docstore *docstore_open(const char *spec, char *err, size_t errlen);
void docstore_close(docstore *s);
bool docstore_is_remote(const docstore *s);

/* An open document being read. */
typedef struct docstore_reader docstore_reader;
typedef struct docstore_meta {
    int64_t length;            /* -1 when unknown */
    char content_type[128];    /* "" when unknown */
    char last_modified[64];    /* HTTP date, "" when unknown */
} docstore_meta;

/* Opens document id for reading. Returns DOCSTORE_OK with *out set, or an error. */
int docstore_read_open(docstore *s, const char *id, docstore_reader **out, docstore_meta *meta, char *err,
                       size_t errlen);
/* Reads up to max bytes: the count, 0 at the end, -1 on error. */
ssize_t docstore_read(docstore_reader *rd, char *out, size_t max);
void docstore_read_close(docstore_reader *rd);

/* Stores bytes as a new document with the given file name; on success writes
 * the new document id (ALFRESCO_DOCUMENT_ID) into id_out. The caller deletes it
 * with docstore_delete() if its transaction then fails (no orphans). */
int docstore_put(docstore *s, const char *filename, const char *content_type, const char *data, size_t len,
                 const char *crn, char *id_out, size_t id_len, char *err, size_t errlen);
int docstore_delete(docstore *s, const char *id, char *err, size_t errlen);

/* Upload form fields of the remote store (unpaid-work-and-delius.md §3.3); NULL
 * members take the defaults shown. The local directory ignores them. */
typedef struct docstore_fields {
    const char *crn;         /* CRN part */
    const char *entity_id;   /* entityId part, e.g. the CONTACT_ID; omitted when NULL */
    const char *entity_type; /* entityType, "OFFENDER" */
    const char *author;      /* author, "Service,Account" */
    const char *doc_type;    /* docType, "DOCUMENT" */
    const char *real_user;   /* X-DocRepository-Real-Remote-User, cfg.service_user_upw */
} docstore_fields;
/* docstore_put with every upload field (docstore_put = this with only crn set). */
int docstore_put_fields(docstore *s, const char *filename, const char *content_type, const char *data, size_t len,
                        const docstore_fields *f, char *id_out, size_t id_len, char *err, size_t errlen);

/* Local directory only: writes bytes as document `id` (replacing a file of that id),
 * for demo data whose ids come from the database (deliusd seed); not fsync'd. A
 * remote store answers DOCSTORE_ERROR. */
int docstore_put_id(docstore *s, const char *id, const char *data, size_t len, char *err, size_t errlen);

/* The process-wide store opened from cfg.document_store on first use (thread-safe);
 * NULL when it cannot be opened (the reason is logged). Never closed. */
docstore *docstore_shared(void);

#endif
