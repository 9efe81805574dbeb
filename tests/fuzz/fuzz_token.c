/* fuzz_token.c - libFuzzer: auth_verify on arbitrary bytes never crashes,
 * leaks or accepts (no input is signed by the key generated at start-up,
 * except by a 2^-2048 chance). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/auth.h"

static auth_ctx *ctx;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    char priv[] = "/tmp/deliusd-fuzz-XXXXXX";
    int fd = mkstemp(priv);
    if (fd < 0) abort();
    close(fd);
    char pub[64];
    snprintf(pub, sizeof pub, "%s.pub", priv);
    char err[256];
    if (auth_generate_key(priv, pub, err, sizeof err)) abort();
    ctx = auth_new(pub, NULL, "iss", err, sizeof err);
    if (!ctx) abort();
    unlink(priv);
    unlink(pub);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *tok = malloc(size + 1);
    if (!tok) return 0;
    memcpy(tok, data, size);
    tok[size] = 0;
    auth_result res;
    if (auth_verify(ctx, tok, &res)) abort();
    free(tok);
    return 0;
}
