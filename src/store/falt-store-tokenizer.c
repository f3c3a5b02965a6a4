/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-store"

#include <glib/gi18n.h>
#include <libstemmer.h>
#include <math.h>
#include <string.h>

#include "falt-store-private.h"

/* The "faltstem" FTS5 tokenizer: unicode61 (remove_diacritics 0, so å ä ö
 * stay distinct letters) splits and lowercases, an apostrophe inside a
 * Ukrainian word keeps it whole ("сім'я", falt-store-words.c), then each
 * token is stemmed for the table's language: with Snowball (Swedish,
 * English, Russian), or with a hunspell dictionary (Ukrainian,
 * falt-store-hunspell.c). Offsets are the parent's, so snippet() marks the
 * words as written.
 *
 * Documents get the stem plus, as colocated tokens, its diacritics-folded
 * forms, so a query typed without å/ä/ö ("malmo") finds "Malmö". Queries
 * get the stem only; prefix queries get the raw token plus the stem, since
 * stemming a half-typed word would shorten the prefix.
 *
 * Hunspell stems only the words its dictionary knows and may give several
 * stems ("києві" → кий, київ): documents and queries get every stem and
 * the word as written, colocated, so a prefix typed ("торгівле") finds
 * the forms as written, a word unknown to the dictionary is itself, and
 * an index built without the dictionary still answers queries stemmed
 * with it (and the other way round). Without the dictionary the language
 * is indexed as written. */

typedef struct
{
  const char *lang;
  const char *snowball;   /* Snowball's algorithm */
  const char *hunspell;   /* or a hunspell dictionary */
  gboolean    fold;       /* index forms without diacritics too */
} Stemming;

/* Snowball 2.2 has no Ukrainian stemmer (and Russian's would mangle it).
 * Cyrillic is not folded: й and ї are letters of their own. */
static const Stemming stemmings[] = {
  { "sv", "swedish", NULL, TRUE },
  { "en", "english", NULL, TRUE },
  { "uk", NULL, "uk_UA", FALSE },
  { "ru", "russian", NULL, FALSE },
};
G_STATIC_ASSERT (G_N_ELEMENTS (stemmings) == FALT_STORE_N_LANGS);

typedef struct
{
  fts5_tokenizer     parent;
  Fts5Tokenizer     *parent_tokenizer;
  struct sb_stemmer *stemmer;       /* NULL: not stemmed with Snowball */
  const char        *hunspell_name; /* a dictionary to stem with, or NULL */
  FaltStoreHunspell *hunspell;      /* it, once looked up; NULL: not found */
  gboolean           hunspell_looked_up;
  gboolean           swedish;
  gboolean           fold;
} StemTokenizer;

typedef struct
{
  StemTokenizer *tokenizer;
  int            flags;
  const char    *text;     /* what is tokenized, for the offsets */
  void          *ctx;
  int          (*emit) (void *ctx, int tflags, const char *token, int n_token, int start, int end);
} TokenizeCall;

#define MAX_TOKEN FALT_STORE_MAX_TOKEN
/* Room for a stem: the Swedish rules below may add a letter. */
#define STEM_BUFFER (MAX_TOKEN + 8)
G_STATIC_ASSERT (sizeof ((FaltStoreStems *) NULL)->text[0] == STEM_BUFFER);

static gboolean
ends_with (const char *stem,
           gsize       len,
           const char *suffix)
{
  gsize n = strlen (suffix);

  return len >= n && memcmp (stem + len - n, suffix, n) == 0;
}

static gboolean
is_swedish_vowel (gunichar c)
{
  switch (c)
    {
    case 'a': case 'e': case 'i': case 'o': case 'u': case 'y':
    case 0xe5 /* å */: case 0xe4 /* ä */: case 0xf6 /* ö */: case 0xe9 /* é */: case 0xfc /* ü */:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Where Snowball's Swedish stemmer stops short, for words users search all
 * the time. Each rule works on Snowball's stem alone, so words Snowball
 * gave one stem still share one. Snowball has removed the genitive -s, so
 * each rule covers the genitive too (handelns, barnets).
 * - Definite -el nouns: "handeln", "regeln" → handel, regel, so
 *   "människohandel" finds "människohandeln".
 * - Neuter definite -et: "barnet", "skyddet", "mötet" → barn, skydd, möt
 *   (as möte). What is left goes through Snowball again, as "ansvaret" →
 *   ansvar → ansv (as ansvar), and a doubled m is single again
 *   ("programmet" → program). Three letters at least must be left, so
 *   "det" stays. Base forms in -et go the same way ("enhet" → enh, as
 *   "enheten", whose stem Snowball makes enhet).
 * - Plural stems of -el nouns lose the e: "regler", "cyklar", "enkla" →
 *   regl, cykl, enkl; put it back (regel, cykel, enkel), after a consonant
 *   other than l ("kall" stays). */
static gsize
adjust_swedish_stem (struct sb_stemmer *stemmer,
                     char              *stem,
                     gsize              len)
{
  const char *last;

  if (len >= 6 && ends_with (stem, len, "eln"))
    return len - 1;
  for (guint round = 0; round < 3 && ends_with (stem, len, "et") && g_utf8_strlen (stem, len - 2) >= 3; round++)
    {
      const sb_symbol *again = sb_stemmer_stem (stemmer, (const sb_symbol *) stem, len - 2);

      if (again == NULL)
        return len - 2;
      len = MIN ((gsize) sb_stemmer_length (stemmer), len - 2);
      memcpy (stem, again, len);
      if (ends_with (stem, len, "mm"))
        len--;
    }
  if (len >= 4 && stem[len - 1] == 'l')
    {
      last = g_utf8_find_prev_char (stem, stem + len - 1);
      if (last != NULL && !is_swedish_vowel (g_utf8_get_char (last)) && *last != 'l' &&
          g_unichar_isalpha (g_utf8_get_char (last)))
        {
          stem[len - 1] = 'e';
          stem[len++] = 'l';
        }
    }
  return len;
}

/* The stem of a token: buffer (STEM_BUFFER bytes) or the token itself when
 * it is not stemmed (no stemmer for the language, or a token too long). */
static const char *
stem_token (StemTokenizer *self,
            const char    *token,
            int            n_token,
            char          *buffer,
            int           *n_stem)
{
  const sb_symbol *stem;
  gsize len;

  *n_stem = n_token;
  if (self->stemmer == NULL || n_token >= MAX_TOKEN)
    return token;

  stem = sb_stemmer_stem (self->stemmer, (const sb_symbol *) token, n_token);
  if (stem == NULL)
    return token;
  len = MIN (sb_stemmer_length (self->stemmer), MAX_TOKEN - 1);
  memcpy (buffer, stem, len);
  if (self->swedish)
    len = adjust_swedish_stem (self->stemmer, buffer, len);
  *n_stem = (int) len;
  return buffer;
}

gboolean
falt_store_stems_contain (const FaltStoreStems *stems,
                          const char           *token,
                          gsize                 length)
{
  for (guint i = 0; i < stems->n; i++)
    if ((gsize) stems->length[i] == length && memcmp (stems->text[i], token, length) == 0)
      return TRUE;
  return FALSE;
}

static void
add_token (FaltStoreStems *stems,
           const char     *token,
           int             n_token)
{
  if (stems->n >= FALT_STORE_MAX_STEMS || falt_store_stems_contain (stems, token, n_token))
    return;
  memcpy (stems->text[stems->n], token, n_token);
  stems->length[stems->n++] = n_token;
}

static FaltStoreHunspell *
get_hunspell (StemTokenizer *self)
{
  if (self->hunspell_name != NULL && !self->hunspell_looked_up)
    {
      self->hunspell = falt_store_hunspell_get (self->hunspell_name);
      self->hunspell_looked_up = TRUE;
    }
  return self->hunspell;
}

/* What a token shorter than MAX_TOKEN is indexed as (and queried as): its
 * stem (see stem_token()); in a language stemmed with hunspell its stems
 * and itself as written. */
static void
collect_stems (StemTokenizer  *self,
               const char     *token,
               int             n_token,
               FaltStoreStems *stems)
{
  FaltStoreHunspell *hunspell = get_hunspell (self);
  const char *stem;

  g_assert (n_token < MAX_TOKEN);
  stems->n = 0;
  if (hunspell != NULL)
    {
      falt_store_hunspell_stem (hunspell, token, n_token, stems);
      add_token (stems, token, n_token);
      return;
    }
  stem = stem_token (self, token, n_token, stems->text[0], &stems->length[0]);
  if (stem != stems->text[0])
    memcpy (stems->text[0], stem, stems->length[0]);
  stems->n = 1;
}

/* Every stem at one position: the first with tflags, the others colocated
 * (synonyms, in a query). */
static int
emit_stems (TokenizeCall         *call,
            int                   tflags,
            const FaltStoreStems *stems,
            int                   start,
            int                   end)
{
  int rc = SQLITE_OK;

  for (guint i = 0; rc == SQLITE_OK && i < stems->n; i++)
    rc = call->emit (call->ctx, i == 0 ? tflags : FTS5_TOKEN_COLOCATED, stems->text[i],
                     stems->length[i], start, end);
  return rc;
}

static gboolean
is_ascii (const char *text,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if ((guchar) text[i] >= 0x80)
      return FALSE;
  return TRUE;
}

/**
 * falt_store_fold_diacritics:
 * @text: UTF-8 text
 *
 * Lowercases @text and removes diacritics (å → a, ö → o, é → e).
 *
 * Returns: (transfer full): the folded text
 */
char *
falt_store_fold_diacritics (const char *text)
{
  g_autofree char *lower = g_utf8_casefold (text, -1);
  g_autofree char *decomposed = g_utf8_normalize (lower, -1, G_NORMALIZE_NFD);
  GString *out = g_string_sized_new (strlen (text));

  if (decomposed == NULL)
    return g_string_free (out, FALSE);

  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_combining_class (c) == 0)
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Folds one lowercase token into buffer (which has room for its length):
 * each letter is replaced by the first character of its decomposition, so
 * å → a, ö → o, é → e. Returns the folded length, or 0 when the token
 * has nothing to fold (plain ASCII). Much cheaper than normalizing. */
static gsize
fold_token (const char *token,
            gsize       len,
            char       *buffer)
{
  gsize out = 0;

  if (is_ascii (token, len))
    return 0;
  for (const char *p = token; p < token + len; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];

      if (c >= 0x80 && g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed)) > 0)
        c = decomposed[0];
      if (out + 6 > MAX_TOKEN)
        return 0;
      out += g_unichar_to_utf8 (c, buffer + out);
    }
  return out;
}

static gboolean
same_token (const char *a,
            gsize       len_a,
            const char *b,
            gsize       len_b)
{
  return len_a == len_b && memcmp (a, b, len_a) == 0;
}

static int
emit_document_token (TokenizeCall *call,
                     const char   *token,
                     int           n_token,
                     int           start,
                     int           end)
{
  StemTokenizer *self = call->tokenizer;
  FaltStoreStems stems;
  char folded_stem[MAX_TOKEN], folded[MAX_TOKEN], stem2_buffer[STEM_BUFFER];
  const char *stem, *stem2;
  int n_stem, n_stem2;
  gsize n_folded_stem, n_folded;
  int rc;

  if (n_token >= MAX_TOKEN)
    return call->emit (call->ctx, 0, token, n_token, start, end);
  collect_stems (self, token, n_token, &stems);
  rc = emit_stems (call, 0, &stems, start, end);
  if (rc != SQLITE_OK || !self->fold)
    return rc;
  stem = stems.text[0];
  n_stem = stems.length[0];

  /* Both orders, since a suffix rule can depend on a letter with a
   * diacritic: fold(stem(word)) and stem(fold(word)). */
  n_folded_stem = fold_token (stem, n_stem, folded_stem);
  n_folded = fold_token (token, n_token, folded);
  if (n_folded_stem > 0)
    rc = call->emit (call->ctx, FTS5_TOKEN_COLOCATED, folded_stem, n_folded_stem, start, end);
  if (rc != SQLITE_OK || n_folded == 0)
    return rc;
  stem2 = stem_token (self, folded, n_folded, stem2_buffer, &n_stem2);
  if (!same_token (stem2, n_stem2, folded_stem, n_folded_stem) &&
      !same_token (stem2, n_stem2, stem, n_stem))
    rc = call->emit (call->ctx, FTS5_TOKEN_COLOCATED, stem2, n_stem2, start, end);
  return rc;
}

/* "<M>barn<M>barnet" (M the verbatim marker): each term as is, the second
 * and later colocated with the first, so FTS5 takes them as synonyms of
 * one phrase. */
static int
emit_verbatim_terms (TokenizeCall *call,
                     int           tflags,
                     const char   *token,
                     int           n_token,
                     int           start,
                     int           end)
{
  const char *p = token + FALT_STORE_VERBATIM_MARKER_LEN;
  const char *token_end = token + n_token;
  int rc = SQLITE_OK;

  while (rc == SQLITE_OK && p < token_end)
    {
      const char *next = g_strstr_len (p, token_end - p, FALT_STORE_VERBATIM_MARKER);
      const char *term_end = next != NULL ? next : token_end;

      if (term_end > p)
        {
          rc = call->emit (call->ctx, tflags, p, (int) (term_end - p), start, end);
          tflags = FTS5_TOKEN_COLOCATED;
        }
      p = next != NULL ? next + FALT_STORE_VERBATIM_MARKER_LEN : token_end;
    }
  return rc;
}

static int
process_token (TokenizeCall *call,
               int           tflags,
               const char   *token,
               int           n_token,
               int           start,
               int           end)
{
  FaltStoreStems stems;
  int rc;

  /* snippet() and highlight() tokenize only to find where the matches
   * (known from the index) are: positions matter, stems do not. */
  if (call->flags & FTS5_TOKENIZE_AUX)
    return call->emit (call->ctx, tflags, token, n_token, start, end);
  if ((call->flags & FTS5_TOKENIZE_QUERY) == 0)
    return emit_document_token (call, token, n_token, start, end);

  /* Terms the search code took from the index's own vocabulary (see
   * falt-store-query.c) are already stems: stemming them again could
   * change them. */
  if (n_token > FALT_STORE_VERBATIM_MARKER_LEN &&
      memcmp (token, FALT_STORE_VERBATIM_MARKER, FALT_STORE_VERBATIM_MARKER_LEN) == 0)
    return emit_verbatim_terms (call, tflags, token, n_token, start, end);

  if (n_token >= MAX_TOKEN)
    return call->emit (call->ctx, tflags, token, n_token, start, end);
  collect_stems (call->tokenizer, token, n_token, &stems);
  if ((call->flags & FTS5_TOKENIZE_PREFIX) == 0)
    return emit_stems (call, tflags, &stems, start, end);

  rc = call->emit (call->ctx, tflags, token, n_token, start, end);
  for (guint i = 0; rc == SQLITE_OK && i < stems.n; i++)
    if (stems.length[i] != n_token || memcmp (stems.text[i], token, n_token) != 0)
      rc = call->emit (call->ctx, FTS5_TOKEN_COLOCATED, stems.text[i], stems.length[i], start, end);
  return rc;
}

static gboolean
has_apostrophe (const char *token,
                int         n_token)
{
  return memchr (token, '\'', n_token) != NULL || g_strstr_len (token, n_token, "\xe2\x80\x99") != NULL ||
         g_strstr_len (token, n_token, "\xca\xbc") != NULL;
}

/* The next apostrophe of the text from p (before end), and its length. */
static const char *
find_apostrophe (const char *p,
                 const char *end,
                 gsize      *length)
{
  for (; p < end; p = g_utf8_next_char (p))
    if (falt_store_is_apostrophe (g_utf8_get_char (p)))
      {
        *length = g_utf8_next_char (p) - p;
        return p;
      }
  *length = 0;
  return end;
}

/* The parent keeps apostrophes inside tokens (its tokenchars): a token is
 * split at each one that is not inside a word (falt-store-words.c), and
 * the others are written as FALT_STORE_APOSTROPHE. The k-th apostrophe of
 * the token is the k-th of its text (the parent changes case only), which
 * gives each part its offsets. Snippets tokenize this way too, so the
 * positions are the index's. */
static int
process_apostrophe_token (TokenizeCall *call,
                          int           tflags,
                          const char   *token,
                          int           n_token,
                          int           start,
                          int           end)
{
  g_autoptr (GString) part = g_string_sized_new (n_token);
  const char *original = call->text + start;
  const char *original_end = call->text + end;
  int part_start = start;
  int rc = SQLITE_OK;

  for (const char *p = token; rc == SQLITE_OK && p < token + n_token; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);
      const char *apostrophe;
      gsize apostrophe_length;

      if (!falt_store_is_apostrophe (c))
        {
          g_string_append_len (part, p, next - p);
          continue;
        }
      apostrophe = find_apostrophe (original, original_end, &apostrophe_length);
      original = apostrophe + apostrophe_length;
      if (part->len > 0 &&
          falt_store_is_word_apostrophe (g_utf8_get_char (g_utf8_find_prev_char (part->str, part->str + part->len)),
                                         next < token + n_token ? g_utf8_get_char (next) : 0))
        {
          g_string_append (part, FALT_STORE_APOSTROPHE);
          continue;
        }
      if (part->len > 0)
        {
          rc = process_token (call, tflags, part->str, (int) part->len, part_start, (int) (apostrophe - call->text));
          tflags = 0;
        }
      g_string_truncate (part, 0);
      part_start = (int) (original - call->text);
    }
  if (rc == SQLITE_OK && part->len > 0)
    rc = process_token (call, tflags, part->str, (int) part->len, part_start, end);
  return rc;
}

static int
on_parent_token_cb (void       *data,
                    int         tflags,
                    const char *token,
                    int         n_token,
                    int         start,
                    int         end)
{
  TokenizeCall *call = data;

  if (has_apostrophe (token, n_token))
    return process_apostrophe_token (call, tflags, token, n_token, start, end);
  return process_token (call, tflags, token, n_token, start, end);
}

static int
stem_tokenizer_tokenize (Fts5Tokenizer *tokenizer,
                         void          *ctx,
                         int            flags,
                         const char    *text,
                         int            n_text,
                         int          (*emit) (void *, int, const char *, int, int, int))
{
  StemTokenizer *self = (StemTokenizer *) tokenizer;
  TokenizeCall call = { self, flags, text, ctx, emit };

  return self->parent.xTokenize (self->parent_tokenizer, &call, flags, text, n_text,
                                 on_parent_token_cb);
}

static void
stem_tokenizer_delete (Fts5Tokenizer *tokenizer)
{
  StemTokenizer *self = (StemTokenizer *) tokenizer;

  if (self->parent_tokenizer != NULL)
    self->parent.xDelete (self->parent_tokenizer);
  g_clear_pointer (&self->stemmer, sb_stemmer_delete);
  g_free (self);
}

static const Stemming *
find_stemming (const char *lang)
{
  for (guint i = 0; i < G_N_ELEMENTS (stemmings); i++)
    if (g_strcmp0 (lang, stemmings[i].lang) == 0)
      return &stemmings[i];
  return NULL;
}

/* Sets up the stemmers of a tokenizer for lang; FALSE when out of memory. */
static gboolean
init_stemming (StemTokenizer *self,
               const char    *lang)
{
  const Stemming *stemming = find_stemming (lang);

  self->swedish = g_strcmp0 (lang, "sv") == 0;
  if (stemming == NULL)
    return TRUE;
  self->hunspell_name = stemming->hunspell;
  self->fold = stemming->fold;
  if (stemming->snowball == NULL)
    return TRUE;
  /* One stemmer per tokenizer instance: sb_stemmer is not thread-safe. */
  self->stemmer = sb_stemmer_new (stemming->snowball, NULL);
  return self->stemmer != NULL;
}

static int
stem_tokenizer_create (void           *user_data,
                       const char    **args,
                       int             n_args,
                       Fts5Tokenizer **out)
{
  fts5_api *api = user_data;
  /* Apostrophes stay in the parent's tokens, for process_apostrophe_token(). */
  static const char *parent_args[] = { "remove_diacritics", "0", "tokenchars", "'\xe2\x80\x99\xca\xbc" };
  const char *lang = n_args > 0 ? args[0] : "sv";
  StemTokenizer *self = g_new0 (StemTokenizer, 1);
  void *parent_data = NULL;
  int rc;

  rc = api->xFindTokenizer (api, "unicode61", &parent_data, &self->parent);
  if (rc == SQLITE_OK)
    rc = self->parent.xCreate (parent_data, parent_args, G_N_ELEMENTS (parent_args),
                               &self->parent_tokenizer);
  if (rc == SQLITE_OK && !init_stemming (self, lang))
    rc = SQLITE_NOMEM;

  if (rc != SQLITE_OK)
    {
      stem_tokenizer_delete ((Fts5Tokenizer *) self);
      return rc;
    }
  *out = (Fts5Tokenizer *) self;
  return SQLITE_OK;
}

/**
 * falt_store_stem_word:
 * @lang: a content language
 * @word: a lowercase word
 *
 * The stem the tokenizer indexes for @word (the first, when hunspell gives
 * several): for the query's row counts, and for tests.
 *
 * Returns: (transfer full): the stem
 */
char *
falt_store_stem_word (const char *lang,
                      const char *word)
{
  StemTokenizer self = { NULL };
  FaltStoreStems stems;

  if (strlen (word) >= MAX_TOKEN)
    return g_strdup (word);
  init_stemming (&self, lang);
  collect_stems (&self, word, strlen (word), &stems);
  g_clear_pointer (&self.stemmer, sb_stemmer_delete);
  return g_strndup (stems.text[0], stems.length[0]);
}

/* falt_plain_text(markdown): the text of a Markdown article without its
 * markup (falt_store_markdown_to_plain_text()), for the search index. */
static void
plain_text_sql_function (sqlite3_context *context,
                         int              n_args,
                         sqlite3_value  **args)
{
  const char *text = (const char *) sqlite3_value_text (args[0]);
  char *plain;

  if (text == NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  plain = falt_store_markdown_to_plain_text (text, sqlite3_value_bytes (args[0]));
  sqlite3_result_text (context, plain, -1, g_free);
}

/* falt_index_text(text): text without control characters
 * (falt_store_strip_control_characters()), for the search index. */
static void
index_text_sql_function (sqlite3_context *context,
                         int              n_args,
                         sqlite3_value  **args)
{
  const char *text = (const char *) sqlite3_value_text (args[0]);

  if (text == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, falt_store_strip_control_characters (text), -1, g_free);
}

/* faltrank(search_xx): the cheap rank that picks the search's candidates
 * (falt-store-search.c), whose final order is faltbm25()'s. BM25 looks up
 * each row's column sizes; this needs only the match positions FTS5 already has. Each phrase's
 * matches count 1 + ln(n) per column, a title match ten times a body
 * match. The search makes one phrase of each query word (a prefix's
 * expansions are synonyms in it), so a word counts once however many of
 * its forms a row has. Lower is better, as FTS5 sorts rank ascending. */
static void
rank_aux_function (const Fts5ExtensionApi *api,
                   Fts5Context            *fts,
                   sqlite3_context        *context,
                   int                     n_args,
                   sqlite3_value         **args)
{
  int n_phrases = api->xPhraseCount (fts);
  g_autofree int *counts = g_new0 (int, 2 * MAX (n_phrases, 1));
  int n_instances = 0;
  double score = 0;

  if (api->xInstCount (fts, &n_instances) != SQLITE_OK)
    {
      sqlite3_result_error_code (context, SQLITE_ERROR);
      return;
    }
  for (int i = 0; i < n_instances; i++)
    {
      int phrase, column, offset;

      if (api->xInst (fts, i, &phrase, &column, &offset) == SQLITE_OK &&
          phrase < n_phrases && column < 2)
        counts[phrase * 2 + column]++;
    }
  for (int i = 0; i < 2 * n_phrases; i++)
    if (counts[i] > 0)
      score += (i % 2 == 0 ? 10.0 : 1.0) * (1.0 + log (counts[i]));
  sqlite3_result_double (context, -score);
}

/* faltbm25(search_xx, docs, totals, weight...): Okapi BM25 as FTS5's bm25() computes
 * it (k1 1.2, b 0.75, a phrase's frequency the sum of its matches' column
 * weights, the row's length all its columns' tokens), but with each
 * phrase's IDF from docs, "n0 n1 …": the number of rows containing each
 * phrase, which the search looks up in the index's vocabulary before the
 * query (falt-store-query.c). bm25() counts them with a query of each
 * phrase over the whole index, which costs time in proportion to the
 * content. The row count and total length come from FTS5's totals record
 * once per query, or from totals (a FaltBm25Totals pointer, or NULL) that
 * the first query of a search filled; the row's length from its size
 * record: cheap for the few rows the search ranks with this. Lower is better, as FTS5 sorts rank ascending. */
#define BM25_K1 1.2
#define BM25_B 0.75

/* What faltbm25() needs once per query: each phrase's IDF, the average
 * row length. */
typedef struct
{
  double avgdl;
  int    n_phrases;
  double idf[];
} Bm25Data;

static int
get_bm25_data (const Fts5ExtensionApi  *api,
               Fts5Context             *fts,
               const char              *docs,
               FaltBm25Totals          *totals,
               Bm25Data               **out)
{
  Bm25Data *data = api->xGetAuxdata (fts, FALSE);
  int n_phrases = api->xPhraseCount (fts);
  sqlite3_int64 n_rows = 0, n_tokens = 0;
  int rc = SQLITE_OK;

  if (data != NULL)
    {
      *out = data;
      return SQLITE_OK;
    }
  if (totals != NULL && totals->valid)
    {
      n_rows = totals->n_rows;
      n_tokens = totals->n_tokens;
    }
  else
    {
      rc = api->xRowCount (fts, &n_rows);
      if (rc == SQLITE_OK)
        rc = api->xColumnTotalSize (fts, -1, &n_tokens);
      if (rc != SQLITE_OK)
        return rc;
      if (totals != NULL)
        *totals = (FaltBm25Totals) { TRUE, n_rows, n_tokens };
    }

  data = g_malloc0 (sizeof (Bm25Data) + sizeof (double) * MAX (n_phrases, 1));
  data->n_phrases = n_phrases;
  data->avgdl = n_rows > 0 && n_tokens > 0 ? (double) n_tokens / (double) n_rows : 1.0;
  for (int i = 0; i < n_phrases; i++)
    {
      char *end = NULL;
      /* A phrase without a count is taken as in every row (lowest IDF). */
      double n = docs != NULL && *docs != 0 ? g_ascii_strtod (docs, &end) : (double) n_rows;

      if (end != NULL)
        docs = end;
      n = CLAMP (n, 0.0, (double) n_rows);
      /* As bm25(): a phrase in more than half the rows weighs almost 0. */
      data->idf[i] = log (((double) n_rows - n + 0.5) / (n + 0.5));
      if (data->idf[i] <= 0.0)
        data->idf[i] = 1e-6;
    }
  rc = api->xSetAuxdata (fts, data, g_free);
  *out = data;
  return rc;
}

static void
bm25_aux_function (const Fts5ExtensionApi *api,
                   Fts5Context            *fts,
                   sqlite3_context        *context,
                   int                     n_args,
                   sqlite3_value         **args)
{
  Bm25Data *data = NULL;
  double *freqs;
  int n_instances = 0, row_tokens = 0;
  double score = 0;
  int rc;

  rc = get_bm25_data (api, fts, n_args > 0 ? (const char *) sqlite3_value_text (args[0]) : NULL,
                      n_args > 1 ? sqlite3_value_pointer (args[1], FALT_BM25_TOTALS_TYPE) : NULL, &data);
  if (rc != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }
  freqs = g_newa (double, MAX (data->n_phrases, 1));
  memset (freqs, 0, sizeof (double) * MAX (data->n_phrases, 1));
  rc = api->xInstCount (fts, &n_instances);
  for (int i = 0; rc == SQLITE_OK && i < n_instances; i++)
    {
      int phrase, column, offset;

      rc = api->xInst (fts, i, &phrase, &column, &offset);
      if (rc == SQLITE_OK && phrase < data->n_phrases)
        freqs[phrase] += column + 2 < n_args ? sqlite3_value_double (args[column + 2]) : 1.0;
    }
  if (rc == SQLITE_OK)
    rc = api->xColumnSize (fts, -1, &row_tokens);
  if (rc != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }
  for (int i = 0; i < data->n_phrases; i++)
    score += data->idf[i] * (freqs[i] * (BM25_K1 + 1.0)) /
             (freqs[i] + BM25_K1 * (1.0 - BM25_B + BM25_B * row_tokens / data->avgdl));
  sqlite3_result_double (context, -score);
}

static fts5_api *
get_fts5_api (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  fts5_api *api = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  return api;
}

/**
 * falt_store_setup_connection:
 * @db: a freshly opened connection
 *
 * Registers what the schema needs on every connection: the "faltstem"
 * tokenizer, the faltrank() and faltbm25() rank functions and the
 * falt_plain_text() and falt_index_text() functions.
 */
gboolean
falt_store_setup_connection (sqlite3  *db,
                             GError  **error)
{
  static fts5_tokenizer tokenizer = {
    stem_tokenizer_create, stem_tokenizer_delete, stem_tokenizer_tokenize,
  };
  fts5_api *api = get_fts5_api (db);
  int rc;

  if (api == NULL)
    {
      g_set_error_literal (error, FALT_STORE_ERROR, FALT_STORE_ERROR_IO,
                           _("The database library lacks full-text search (FTS5)."));
      return FALSE;
    }
  rc = api->xCreateTokenizer (api, "faltstem", api, &tokenizer, NULL);
  if (rc == SQLITE_OK)
    rc = api->xCreateFunction (api, "faltrank", NULL, rank_aux_function, NULL);
  if (rc == SQLITE_OK)
    rc = api->xCreateFunction (api, "faltbm25", NULL, bm25_aux_function, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (db, "falt_plain_text", 1,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                  NULL, plain_text_sql_function, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (db, "falt_index_text", 1,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                  NULL, index_text_sql_function, NULL, NULL);
  return falt_store_set_sqlite_error (db, rc, error);
}
