/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-store"

#include <glib/gi18n.h>

#include "falt-store-private.h"

/* What the app keeps of its reader's use: recently opened documents, reading positions and
 * bookmarks, nothing else (no search history). Preferences' "Clear History" removes them. */

/**
 * falt_store_clear_history:
 * @self: a #FaltStore
 * @flags: whether bookmarks go too (%FALT_STORE_CLEAR_BOOKMARKS)
 * @error: return location for an error
 *
 * Removes the list of recently opened documents and every reading position, and with
 * %FALT_STORE_CLEAR_BOOKMARKS the bookmarks, at once (all or nothing); the content is left
 * alone. Emits #FaltStore::history-cleared.
 *
 * Returns: %TRUE on success; %FALSE for a read-only store or a failed write
 */
gboolean
falt_store_clear_history (FaltStore            *self,
                          FaltStoreClearFlags   flags,
                          GError              **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (FALT_IS_STORE (self), FALSE);

  if (self->read_only)
    {
      g_set_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_READ_ONLY,
                   _("“%s” is in a read-only folder or on a full disk."), self->path);
      return FALSE;
    }
  sql = g_strconcat ("BEGIN IMMEDIATE;"
                     "DELETE FROM recent;"
                     "DELETE FROM reading_positions;",
                     (flags & FALT_STORE_CLEAR_BOOKMARKS) ? "DELETE FROM bookmarks;" : "",
                     "COMMIT;", NULL);
  if (!falt_store_exec (self->db, sql, error))
    {
      falt_store_exec (self->db, "ROLLBACK;", NULL);
      return FALSE;
    }
  falt_store_forget_user_writes (self, (flags & FALT_STORE_CLEAR_BOOKMARKS) != 0);
  g_signal_emit_by_name (self, "history-cleared");
  return TRUE;
}
