/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <sys/prctl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "falt-test-nginx.h"

struct _FaltTestNginx
{
  char        *prefix;
  char        *log_path;
  guint16      port;
  GSubprocess *process;
  gsize        log_read;
};

/* Self-contained (GLib only): linked into GLib and GTK test programs alike. */
static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
die_with_parent (gpointer unused)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static guint16
find_free_port (void)
{
  g_autoptr (GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, address, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static char *
config_text (FaltTestNginx *nginx, const char *root)
{
  /* As root (CI), workers would drop to nobody and not read a private temporary folder. */
  const char *user = geteuid () == 0 ? "user root;\n" : "";

  return g_strdup_printf (
    "%s"
    "daemon off;\n"
    "master_process on;\n"
    "worker_processes 1;\n"
    "pid %s/nginx.pid;\n"
    "error_log %s/error.log warn;\n"
    "events { worker_connections 64; }\n"
    "http {\n"
    "  default_type application/octet-stream;\n"
    "  log_format plain '$request_method $uri $status $body_bytes_sent \"$http_range\"';\n"
    "  access_log %s plain;\n"
    "  client_body_temp_path %s/client; proxy_temp_path %s/proxy; fastcgi_temp_path %s/fastcgi;\n"
    "  uwsgi_temp_path %s/uwsgi; scgi_temp_path %s/scgi;\n"
    "  server {\n"
    "    listen 127.0.0.1:%u;\n"
    "    root %s;\n"
    "    etag on;\n"
    "    location /feed/ { }\n"
    "    location /slow/ { alias %s/feed/; limit_rate_after 16k; limit_rate 2k; }\n"
    "    location /dead/ { return 500; }\n"
    "    location /gone/ { return 404; }\n"
    "    location /loop/ { return 302 /loop/; }\n"
    "  }\n"
    "}\n",
    user, nginx->prefix, nginx->prefix, nginx->log_path, nginx->prefix, nginx->prefix, nginx->prefix,
    nginx->prefix, nginx->prefix, nginx->port, root, root);
}

static gboolean
accepts_connections (guint16 port)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);

  return connection != NULL;
}

/**
 * falt_test_nginx_start:
 * @root: the folder to serve
 *
 * Returns: a running server; the test fails when nginx cannot start
 */
FaltTestNginx *
falt_test_nginx_start (const char *root)
{
  FaltTestNginx *nginx = g_new0 (FaltTestNginx, 1);
  g_autofree char *config = NULL;
  g_autofree char *config_path = NULL;
  g_autoptr (GError) error = NULL;

  nginx->prefix = g_dir_make_tmp ("faltstod-nginx-XXXXXX", &error);
  g_assert_no_error (error);
  nginx->log_path = g_build_filename (nginx->prefix, "access.log", NULL);
  nginx->port = find_free_port ();
  config = config_text (nginx, root);
  config_path = g_build_filename (nginx->prefix, "nginx.conf", NULL);
  g_assert_true (g_file_set_contents (config_path, config, -1, NULL));
  {
    g_autoptr (GSubprocessLauncher) launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);

    /* A test that fails aborts: nginx must not outlive it (nor hold its output open). */
    g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
    nginx->process = g_subprocess_launcher_spawn (launcher, &error, "nginx", "-p", nginx->prefix, "-c", config_path,
                                                  NULL);
  }
  g_assert_no_error (error);
  for (guint i = 0; i < 200 && !accepts_connections (nginx->port); i++)
    g_usleep (10000);
  g_assert_true (accepts_connections (nginx->port));
  return nginx;
}

void
falt_test_nginx_stop (FaltTestNginx *nginx)
{
  g_subprocess_send_signal (nginx->process, SIGQUIT);
  g_subprocess_wait (nginx->process, NULL, NULL);
  g_clear_object (&nginx->process);
  remove_tree (nginx->prefix);
  g_free (nginx->prefix);
  g_free (nginx->log_path);
  g_free (nginx);
}

/**
 * falt_test_nginx_url:
 * @nginx: the server
 * @path: a path such as "/feed/"
 *
 * Returns: (transfer full): http://127.0.0.1:PORT/path
 */
char *
falt_test_nginx_url (FaltTestNginx *nginx, const char *path)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", nginx->port, path);
}

/**
 * falt_test_nginx_take_log:
 * @nginx: the server
 *
 * Returns: (transfer full) (element-type utf8): the access log lines written since the last
 *   call ("GET /feed/manifest.json 304 0 \"-\"")
 */
GPtrArray *
falt_test_nginx_take_log (FaltTestNginx *nginx)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  gsize length = 0;

  /* nginx writes the line after the response; give it a moment. */
  g_usleep (50000);
  if (!g_file_get_contents (nginx->log_path, &text, &length, NULL) || length <= nginx->log_read)
    return lines;
  {
    g_auto (GStrv) split = g_strsplit (text + nginx->log_read, "\n", -1);

    for (guint i = 0; split[i] != NULL; i++)
      if (*split[i] != '\0')
        {
          g_test_message ("nginx: %s", split[i]);
          g_ptr_array_add (lines, g_strdup (split[i]));
        }
  }
  nginx->log_read = length;
  return lines;
}

/**
 * falt_test_nginx_count:
 * @log: lines from falt_test_nginx_take_log()
 * @prefix: the start of the lines to count, such as "GET /feed/blobs/"
 * @status: (nullable): the status they must have, such as "206"
 *
 * Returns: how many lines match
 */
guint
falt_test_nginx_count (GPtrArray *log, const char *prefix, const char *status)
{
  guint n = 0;

  for (guint i = 0; i < log->len; i++)
    {
      const char *line = log->pdata[i];
      g_auto (GStrv) fields = g_strsplit (line, " ", 4);

      if (g_str_has_prefix (line, prefix) && (status == NULL || g_strcmp0 (fields[2], status) == 0))
        n++;
    }
  return n;
}
