/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-pdf-cache"

#include <math.h>

#include "falt-pdf-cache.h"

/* Rendered pages and tiles of pages, least recently used first out,
 * bounded in bytes whatever the page count or zoom (Evince keeps ~50 MB
 * the same way). A page has one whole-page texture, the latest scale
 * replacing older ones; its tiles are kept by (page, scale, tile), so that
 * at high zoom only the tiles near the screen take memory. Pages on screen
 * hold their own references, so a texture evicted here stays drawn until
 * it scrolls away. */

#define WHOLE_PAGE (-1)

typedef struct
{
  int         page;
  int         tile;       /* WHOLE_PAGE, or the tile's index */
  gint64      scale_key;  /* tiles only: the scale, rounded */
  double      scale;
  GdkTexture *texture;
  gsize       bytes;
} Entry;

struct _FaltPdfCache
{
  gsize       max_bytes;
  gsize       bytes;
  guint       n_pages;
  GQueue      lru;      /* of Entry, most recent at the head */
  GHashTable *entries;  /* Entry (its key fields) → its GList link in lru */
};

static guint
entry_hash (gconstpointer data)
{
  const Entry *entry = data;

  return (guint) entry->page * 1000003u ^ (guint) entry->tile * 7919u ^ (guint) entry->scale_key;
}

static gboolean
entry_equal (gconstpointer a,
             gconstpointer b)
{
  const Entry *x = a, *y = b;

  return x->page == y->page && x->tile == y->tile && x->scale_key == y->scale_key;
}

/* Scales worked out from the same width agree to far better than this. */
static gint64
scale_key (double scale)
{
  return (gint64) llround (scale * 10000);
}

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
  self->entries = g_hash_table_new (entry_hash, entry_equal);
  return self;
}

static void
remove_link (FaltPdfCache *self,
             GList        *link)
{
  Entry *entry = link->data;

  g_hash_table_remove (self->entries, entry);
  self->bytes -= entry->bytes;
  if (entry->tile == WHOLE_PAGE)
    self->n_pages--;
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
  g_hash_table_unref (self->entries);
  g_free (self);
}

static Entry *
lookup_entry (FaltPdfCache *self,
              const Entry  *key)
{
  GList *link = g_hash_table_lookup (self->entries, key);

  if (link == NULL)
    return NULL;

  g_queue_unlink (&self->lru, link);
  g_queue_push_head_link (&self->lru, link);
  return link->data;
}

static void
insert_entry (FaltPdfCache *self,
              Entry        *entry)
{
  GList *link = g_hash_table_lookup (self->entries, entry);

  if (link != NULL)
    remove_link (self, link);
  if (entry->bytes > self->max_bytes)
    {
      entry_free (entry);
      return;
    }

  while (self->bytes + entry->bytes > self->max_bytes && self->lru.tail != NULL)
    remove_link (self, self->lru.tail);

  g_queue_push_head (&self->lru, entry);
  g_hash_table_insert (self->entries, entry, self->lru.head);
  self->bytes += entry->bytes;
  if (entry->tile == WHOLE_PAGE)
    self->n_pages++;
}

static Entry *
entry_new (int         page,
           int         tile,
           double      scale,
           GdkTexture *texture)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->page = page;
  entry->tile = tile;
  entry->scale_key = tile == WHOLE_PAGE ? 0 : scale_key (scale);
  entry->scale = scale;
  entry->texture = g_object_ref (texture);
  entry->bytes = texture_bytes (texture);
  return entry;
}

/**
 * falt_pdf_cache_lookup:
 * @page: counting from 0
 * @scale: (out): the scale the texture was rendered at
 *
 * Returns: (transfer none) (nullable): the page's latest whole-page
 *   texture, now the most recently used
 */
GdkTexture *
falt_pdf_cache_lookup (FaltPdfCache *self,
                       int           page,
                       double       *scale)
{
  Entry key = { .page = page, .tile = WHOLE_PAGE };
  Entry *entry = lookup_entry (self, &key);

  if (entry == NULL)
    return NULL;
  *scale = entry->scale;
  return entry->texture;
}

/**
 * falt_pdf_cache_insert:
 *
 * Keeps @texture as @page's whole-page texture, dropping the least
 * recently used textures until the cache is within its size. A texture
 * bigger than the whole cache is not kept.
 */
void
falt_pdf_cache_insert (FaltPdfCache *self,
                       int           page,
                       double        scale,
                       GdkTexture   *texture)
{
  insert_entry (self, entry_new (page, WHOLE_PAGE, scale, texture));
}

/**
 * falt_pdf_cache_lookup_tile:
 * @tile: the tile's index at @scale (see falt_pdf_tiles_get_rect())
 *
 * Returns: (transfer none) (nullable): the tile of @page rendered at
 *   @scale, now the most recently used
 */
GdkTexture *
falt_pdf_cache_lookup_tile (FaltPdfCache *self,
                            int           page,
                            double        scale,
                            int           tile)
{
  Entry key = { .page = page, .tile = tile, .scale_key = scale_key (scale) };
  Entry *entry;

  g_return_val_if_fail (tile >= 0, NULL);

  entry = lookup_entry (self, &key);
  return entry != NULL ? entry->texture : NULL;
}

void
falt_pdf_cache_insert_tile (FaltPdfCache *self,
                            int           page,
                            double        scale,
                            int           tile,
                            GdkTexture   *texture)
{
  g_return_if_fail (tile >= 0);

  insert_entry (self, entry_new (page, tile, scale, texture));
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

/* How many whole-page textures it holds. */
guint
falt_pdf_cache_get_n_pages (FaltPdfCache *self)
{
  return self->n_pages;
}

/* How many tiles it holds. */
guint
falt_pdf_cache_get_n_tiles (FaltPdfCache *self)
{
  return self->lru.length - self->n_pages;
}

/* The longest side of any texture it holds, in pixels. */
int
falt_pdf_cache_get_largest_side (FaltPdfCache *self)
{
  int largest = 0;

  for (GList *l = self->lru.head; l != NULL; l = l->next)
    {
      Entry *entry = l->data;

      largest = MAX (largest, MAX (gdk_texture_get_width (entry->texture), gdk_texture_get_height (entry->texture)));
    }
  return largest;
}
