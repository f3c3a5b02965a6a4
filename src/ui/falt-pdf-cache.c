/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-pdf-cache"

#include "falt-pdf-cache.h"

/* Rendered pages, least recently used first out, bounded in bytes whatever
 * the page count or zoom (Evince keeps ~50 MB the same way). One texture a
 * page: the latest scale replaces older ones. Pages on screen hold their
 * own reference, so a page evicted here stays drawn until it scrolls away. */

typedef struct
{
  int         page;
  double      scale;
  GdkTexture *texture;
  gsize       bytes;
} Entry;

struct _FaltPdfCache
{
  gsize       max_bytes;
  gsize       bytes;
  GQueue      lru;    /* of Entry, most recent at the head */
  GHashTable *pages;  /* page → its GList link in lru */
};

static gsize
texture_bytes (GdkTexture *texture)
{
  return (gsize) gdk_texture_get_width (texture) * gdk_texture_get_height (texture) * 4;
}

static void
entry_free (Entry *entry)
{
  g_object_unref (entry->texture);
  g_free (entry);
}

FaltPdfCache *
falt_pdf_cache_new (gsize max_bytes)
{
  FaltPdfCache *self = g_new0 (FaltPdfCache, 1);

  self->max_bytes = max_bytes;
  g_queue_init (&self->lru);
  self->pages = g_hash_table_new (NULL, NULL);
  return self;
}

static void
remove_link (FaltPdfCache *self,
             GList        *link)
{
  Entry *entry = link->data;

  g_hash_table_remove (self->pages, GINT_TO_POINTER (entry->page));
  self->bytes -= entry->bytes;
  g_queue_delete_link (&self->lru, link);
  entry_free (entry);
}

void
falt_pdf_cache_clear (FaltPdfCache *self)
{
  while (self->lru.tail != NULL)
    remove_link (self, self->lru.tail);
}

void
falt_pdf_cache_free (FaltPdfCache *self)
{
  if (self == NULL)
    return;

  falt_pdf_cache_clear (self);
  g_hash_table_unref (self->pages);
  g_free (self);
}

/**
 * falt_pdf_cache_lookup:
 * @page: counting from 0
 * @scale: (out): the scale the texture was rendered at
 *
 * Returns: (transfer none) (nullable): the page's latest texture, now the
 *   most recently used
 */
GdkTexture *
falt_pdf_cache_lookup (FaltPdfCache *self,
                       int           page,
                       double       *scale)
{
  GList *link = g_hash_table_lookup (self->pages, GINT_TO_POINTER (page));
  Entry *entry;

  if (link == NULL)
    return NULL;

  g_queue_unlink (&self->lru, link);
  g_queue_push_head_link (&self->lru, link);
  entry = link->data;
  *scale = entry->scale;
  return entry->texture;
}

/**
 * falt_pdf_cache_insert:
 *
 * Keeps @texture as @page's, dropping the least recently used pages until
 * the cache is within its size. A texture bigger than the whole cache is
 * not kept.
 */
void
falt_pdf_cache_insert (FaltPdfCache *self,
                       int           page,
                       double        scale,
                       GdkTexture   *texture)
{
  GList *link = g_hash_table_lookup (self->pages, GINT_TO_POINTER (page));
  Entry *entry;

  if (link != NULL)
    remove_link (self, link);

  entry = g_new0 (Entry, 1);
  entry->page = page;
  entry->scale = scale;
  entry->texture = g_object_ref (texture);
  entry->bytes = texture_bytes (texture);
  if (entry->bytes > self->max_bytes)
    {
      entry_free (entry);
      return;
    }

  while (self->bytes + entry->bytes > self->max_bytes && self->lru.tail != NULL)
    remove_link (self, self->lru.tail);

  g_queue_push_head (&self->lru, entry);
  g_hash_table_insert (self->pages, GINT_TO_POINTER (page), self->lru.head);
  self->bytes += entry->bytes;
}

gsize
falt_pdf_cache_get_size (FaltPdfCache *self)
{
  return self->bytes;
}

gsize
falt_pdf_cache_get_max_size (FaltPdfCache *self)
{
  return self->max_bytes;
}

guint
falt_pdf_cache_get_n_pages (FaltPdfCache *self)
{
  return self->lru.length;
}
