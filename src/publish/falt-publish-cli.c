/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-publish"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <sodium.h>

#include "falt-content-source.h"
#include "falt-feed-writer.h"
#include "falt-publish-cli.h"
#include "feed/falt-feed.h"

/* faltstod-publish: turns a content source into a signed feed, bundles and checks feeds. */

#define PASSWORD_VARIABLE "FALTSTOD_PUBLISH_PASSWORD"
#define EXIT_USAGE 2

static char *
read_first_line (FILE *input)
{
  char buffer[1024];
  gsize len;

  if (fgets (buffer, sizeof buffer, input) == NULL)
    return NULL;
  len = strcspn (buffer, "\r\n");
  buffer[len] = '\0';
  return g_strndup (buffer, len);
}

/* Reads a line from the terminal with echo off, so the password is never shown. */
static char *
ask_on_terminal (const char *prompt)
{
  FILE *tty = fopen ("/dev/tty", "r+");
  struct termios saved, quiet;
  char *line;

  if (tty == NULL)
    return NULL;
  fprintf (tty, "%s", prompt);
  fflush (tty);
  tcgetattr (fileno (tty), &saved);
  quiet = saved;
  quiet.c_lflag &= ~ECHO;
  tcsetattr (fileno (tty), TCSAFLUSH, &quiet);
  line = read_first_line (tty);
  tcsetattr (fileno (tty), TCSAFLUSH, &saved);
  fprintf (tty, "\n");
  fclose (tty);
  return line;
}

static char *
read_password_file (const char *path, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *text = NULL;
  char *password;

  if (!g_file_get_contents (path, &text, NULL, &local_error))
    {
      g_set_error (error, FALT_PUBLISH_ERROR, FALT_PUBLISH_ERROR_IO,
                   _("Could not read the password file: %s"), local_error->message);
      return NULL;
    }
  password = g_strndup (text, strcspn (text, "\r\n"));
  sodium_memzero (text, strlen (text));
  return password;
}

static char *
ask_password (const char *prompt, gboolean confirm, GError **error)
{
  g_autofree char *password = ask_on_terminal (prompt);
  g_autofree char *again = NULL;

  if (password == NULL)
    {
      g_set_error (error, FALT_PUBLISH_ERROR, FALT_PUBLISH_ERROR_USAGE,
                   _("No terminal to ask for the password on: set %s or use --password-file"),
                   PASSWORD_VARIABLE);
      return NULL;
    }
  if (confirm && ((again = ask_on_terminal (_("Password (again): "))) == NULL
                  || strcmp (password, again) != 0))
    {
      g_set_error (error, FALT_PUBLISH_ERROR, FALT_PUBLISH_ERROR_USAGE,
                   _("The passwords do not match"));
      return NULL;
    }
  return g_steal_pointer (&password);
}

/**
 * falt_publish_read_password:
 * @password_file: (nullable): a file whose first line is the password
 * @prompt: what to ask on the terminal
 * @confirm: whether to ask twice (for a new password)
 * @error: return location for a #GError
 *
 * The password from @password_file, else from $FALTSTOD_PUBLISH_PASSWORD (for scripts), else
 * asked on the terminal without echo.
 */
char *
falt_publish_read_password (const char *password_file, const char *prompt, gboolean confirm,
                            GError **error)
{
  const char *variable = g_getenv (PASSWORD_VARIABLE);
  char *password;

  if (password_file != NULL)
    password = read_password_file (password_file, error);
  else if (variable != NULL)
    password = g_strdup (variable);
  else
    password = ask_password (prompt, confirm, error);
  if (password != NULL && *password == '\0')
    {
      g_free (password);
      g_set_error (error, FALT_PUBLISH_ERROR, FALT_PUBLISH_ERROR_USAGE, _("The password is empty"));
      return NULL;
    }
  return password;
}

static void
free_password (char *password)
{
  if (password != NULL)
    sodium_memzero (password, strlen (password));
  g_free (password);
}

typedef char Password;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Password, free_password)

/* Parses a sub-command's options; leaves the positional arguments in @args. */
static gboolean
parse_options (const char *usage, const char *summary, GOptionEntry *entries, GStrv *args,
               guint n_positional, GError **error)
{
  g_autoptr (GOptionContext) context = g_option_context_new (usage);

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse_strv (context, args, error))
    return FALSE;
  if (g_strv_length (*args) != n_positional + 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("Expected %u arguments: %s"), n_positional, usage);
      return FALSE;
    }
  return TRUE;
}

static FaltMinisignSecretKey *
load_signing_key (const char *path, const char *password_file, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (Password) password = NULL;
  gboolean encrypted = falt_minisign_secret_key_is_encrypted_file (path, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (encrypted && (password = falt_publish_read_password (password_file, _("Password for the secret key: "),
                                                           FALSE, error)) == NULL)
    return NULL;
  return falt_minisign_secret_key_load (path, password, error);
}

/* SOURCE_DATE_EPOCH: the reproducible-builds convention for "now", a whole
 * number of seconds since 1970. A value that is not one must stop the build
 * (the convention says so), not date the feed 1970. */
static GDateTime *
parse_source_date_epoch (const char *text, GError **error)
{
  /* 9999-12-31T23:59:59Z, the last time GDateTime (and the manifest) holds. */
  const gint64 last = G_GINT64_CONSTANT (253402300799);
  g_autoptr (GError) local_error = NULL;
  gint64 seconds = 0;

  if (!g_ascii_string_to_signed (text, 10, 0, last, &seconds, &local_error))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 up to the year 9999, not “%s”"),
                   text);
      return NULL;
    }
  return g_date_time_new_from_unix_utc (seconds);
}

static GDateTime *
parse_created (const char *text, GError **error)
{
  GDateTime *created;

  if (text == NULL && g_getenv ("SOURCE_DATE_EPOCH") != NULL)
    return parse_source_date_epoch (g_getenv ("SOURCE_DATE_EPOCH"), error);
  if (text == NULL)
    return g_date_time_new_now_utc ();
  created = g_date_time_new_from_iso8601 (text, NULL);
  if (created == NULL)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("--created must be an ISO 8601 date and time like 2026-11-23T10:00:00Z"));
  return created;
}

/* The expiry must be a time the manifest can hold: 3,000,000 days from now
 * is past the year 9999 and would be written as "expires": null, a feed
 * that never expires. */
static gboolean
check_expiry (GDateTime *created, int expires_days, GError **error)
{
  g_autoptr (GDateTime) expires = NULL;

  if (expires_days == 0 || (expires = g_date_time_add_days (created, expires_days)) != NULL)
    return TRUE;
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("--expires-days %d would end after the year 9999"), expires_days);
  return FALSE;
}

static int
run_build (GStrv args, GError **error)
{
  gint64 version = 0;
  int expires_days = 0;
  g_autofree char *sign = NULL, *comment = NULL, *created_text = NULL, *depfile = NULL;
  g_autofree char *source_label = NULL, *password_file = NULL;
  g_auto (GStrv) mirrors = NULL;
  GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_INT64, &version, N_("The feed's version (required)"), "N" },
    { "sign", 0, 0, G_OPTION_ARG_FILENAME, &sign, N_("Sign with this minisign secret key"), "SECRET_KEY" },
    { "trusted-comment", 0, 0, G_OPTION_ARG_STRING, &comment, N_("The signature's trusted comment"), "TEXT" },
    { "expires-days", 0, 0, G_OPTION_ARG_INT, &expires_days, N_("Expire the feed after D days"), "D" },
    { "mirror", 0, 0, G_OPTION_ARG_STRING_ARRAY, &mirrors, N_("Another address of the feed (repeatable)"), "URL" },
    { "created", 0, 0, G_OPTION_ARG_STRING, &created_text, N_("Creation time, for reproducible builds (default: $SOURCE_DATE_EPOCH or now)"), "ISO8601" },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source_label, N_("Text for the manifest's “source” (default: SRC)"), "TEXT" },
    { "depfile", 0, 0, G_OPTION_ARG_FILENAME, &depfile, N_("Write a Makefile-style list of the files read"), "FILE" },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file, N_("Read the key's password from this file"), "FILE" },
    { NULL },
  };
  g_autoptr (FaltContentSource) source = NULL;
  g_autoptr (FaltMinisignSecretKey) key = NULL;
  g_autoptr (GDateTime) created = NULL;
  FaltFeedBuildOptions options = { 0 };

  if (!parse_options ("build SRC OUT", _("Turn a content source folder into a feed folder."), entries,
                      &args, 3, error))
    return EXIT_USAGE;
  if (version < 1 || expires_days < 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--version must be a positive number and --expires-days not negative"));
      return EXIT_USAGE;
    }
  if ((created = parse_created (created_text, error)) == NULL || !check_expiry (created, expires_days, error))
    return EXIT_USAGE;
  if ((sign != NULL && (key = load_signing_key (sign, password_file, error)) == NULL)
      || (source = falt_content_source_load (args[2], error)) == NULL
      || (depfile != NULL && !falt_feed_writer_write_depfile (source, args[3], depfile, error)))
    return EXIT_FAILURE;

  options.version = version;
  options.created = created;
  options.expires_days = expires_days;
  options.mirrors = (const char *const *) mirrors;
  options.source_label = source_label != NULL ? source_label : args[2];
  options.key = key;
  options.trusted_comment = comment;
  return falt_feed_writer_write (source, &options, args[3], error) ? EXIT_SUCCESS : EXIT_FAILURE;
}

static int
run_keygen (GStrv args, GError **error)
{
  gboolean with_password = FALSE;
  g_autofree char *password_file = NULL;
  g_autoptr (Password) password = NULL;
  GOptionEntry entries[] = {
    { "password", 0, 0, G_OPTION_ARG_NONE, &with_password, N_("Protect the secret key with a password"), NULL },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file, N_("Read the new password from this file"), "FILE" },
    { NULL },
  };

  if (!parse_options ("keygen PUBLIC SECRET", _("Write a new minisign key pair."), entries, &args, 3, error))
    return EXIT_USAGE;
  if ((with_password || password_file != NULL)
      && (password = falt_publish_read_password (password_file, _("New password: "), TRUE, error)) == NULL)
    return EXIT_FAILURE;
  if (!falt_minisign_generate_encrypted (args[2], args[3], password, FALT_MINISIGN_OPSLIMIT,
                                         FALT_MINISIGN_MEMLIMIT, error))
    return EXIT_FAILURE;
  g_print (_("Public key written to %s; keep %s secret, out of any repository.\n"), args[2], args[3]);
  return EXIT_SUCCESS;
}

static int
run_bundle (GStrv args, GError **error)
{
  GOptionEntry entries[] = { { NULL } };

  if (!parse_options ("bundle FEED FILE", _("Write a feed folder as one file for USB sticks."), entries,
                      &args, 3, error))
    return EXIT_USAGE;
  return falt_feed_write_bundle (args[2], args[3], error) ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* A bundle is checked as the app checks it: the signature before anything is unpacked, then
 * every blob. */
static FaltManifest *
verify_bundle (const char *path, FaltKeyring *keyring, GError **error)
{
  g_autoptr (FaltManifest) manifest = falt_feed_read_bundle_manifest (path, keyring, NULL, error);
  g_autoptr (GError) local_error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *blobs = NULL;
  gboolean ok;

  if (manifest == NULL)
    return NULL;
  if ((dir = g_dir_make_tmp ("faltstod-verify-XXXXXX", &local_error)) == NULL)
    {
      g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_IO, "%s", local_error->message);
      return NULL;
    }
  blobs = g_build_filename (dir, FALT_FEED_BLOBS, NULL);
  ok = falt_feed_extract_bundle_blobs (path, manifest, NULL, blobs, NULL, error)
       && falt_feed_check_blobs (dir, manifest, error);
  falt_feed_remove_dir (dir, NULL);
  return ok ? g_steal_pointer (&manifest) : NULL;
}

static int
run_verify (GStrv args, GError **error)
{
  g_autofree char *public_key_path = NULL;
  g_autofree char *version = NULL;
  g_autoptr (FaltMinisignPublicKey) key = NULL;
  g_autoptr (FaltKeyring) keyring = falt_keyring_new ();
  g_autoptr (FaltManifest) manifest = NULL;
  g_autofree char *created = NULL;
  const char *feed;
  GOptionEntry entries[] = {
    { "public-key", 0, 0, G_OPTION_ARG_FILENAME, &public_key_path, N_("The minisign public key to trust (required)"), "PUB" },
    { NULL },
  };

  if (!parse_options ("verify FEED|BUNDLE", _("Check a feed folder or bundle as the app does."), entries,
                      &args, 2, error))
    return EXIT_USAGE;
  if (public_key_path == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, _("--public-key is required"));
      return EXIT_USAGE;
    }
  if ((key = falt_minisign_public_key_load (public_key_path, error)) == NULL)
    return EXIT_FAILURE;
  falt_keyring_add_key (keyring, key);
  feed = args[2];
  if (g_file_test (feed, G_FILE_TEST_IS_DIR))
    {
      manifest = falt_feed_load_dir (feed, keyring, NULL, error);
      if (manifest != NULL && !falt_feed_check_blobs (feed, manifest, error))
        g_clear_object (&manifest);
    }
  else
    manifest = verify_bundle (feed, keyring, error);
  if (manifest == NULL)
    return EXIT_FAILURE;
  version = g_strdup_printf ("%" G_GINT64_FORMAT, falt_manifest_get_version (manifest));
  g_print (_("%s is a valid feed: version %s, created %s; documents: %u\n"), args[2], version,
           falt_manifest_get_created_text (manifest), falt_manifest_get_documents (manifest)->len);
  return EXIT_SUCCESS;
}

static void
print_usage (void)
{
  g_printerr ("%s\n", _("Usage:\n"
                        "  faltstod-publish build SRC OUT --version N [--sign SECRET_KEY] [OPTION…]\n"
                        "  faltstod-publish keygen PUBLIC SECRET [--password]\n"
                        "  faltstod-publish bundle FEED FILE\n"
                        "  faltstod-publish verify FEED|BUNDLE --public-key PUB\n"
                        "“faltstod-publish COMMAND --help” describes each command."));
}

/**
 * falt_publish_main:
 *
 * The whole `faltstod-publish` command, so tests can run it in-process.
 *
 * Returns: the exit status: 0 done, 1 failed, 2 wrong command line
 */
int
falt_publish_main (int argc, char **argv)
{
  static const struct
  {
    const char *name;
    int (*run) (GStrv args, GError **error);
  } commands[] = {
    { "build", run_build }, { "keygen", run_keygen }, { "bundle", run_bundle }, { "verify", run_verify },
  };
  g_auto (GStrv) args = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  for (guint i = 0; argc >= 2 && i < G_N_ELEMENTS (commands); i++)
    {
      if (strcmp (argv[1], commands[i].name) != 0)
        continue;
      /* The options parser sees "faltstod-publish COMMAND …": COMMAND takes argv[0]'s place. */
      args = g_strdupv (argv);
      status = commands[i].run (args, &error);
      if (error != NULL && error->domain == FALT_PUBLISH_ERROR && error->code == FALT_PUBLISH_ERROR_SOURCE)
        g_printerr ("%s\n", error->message);
      else if (error != NULL)
        g_printerr ("faltstod-publish: %s\n", error->message);
      return status;
    }
  print_usage ();
  return EXIT_USAGE;
}
