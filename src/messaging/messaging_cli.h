/* messaging_cli.h - the `consume`, `publish` and `dlq` commands of deliusd (main.c dispatches). */
#ifndef DL_MESSAGING_CLI_H
#define DL_MESSAGING_CLI_H

/* argv[0] is the command name; each returns the process exit code. */
int messaging_cmd_consume(int argc, char **argv);
int messaging_cmd_publish(int argc, char **argv);
int messaging_cmd_dlq(int argc, char **argv);

extern const char *messaging_usage_consume, *messaging_usage_publish, *messaging_usage_dlq;

#endif
