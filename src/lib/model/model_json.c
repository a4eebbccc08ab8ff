/*
 * The model's pieces as JSON for the engines' serialisers and embedders:
 * sources, and the vocabularies with their definitions.
 */
#include "guarantor/json.h"
#include "model/schema.h"

void gr_json_source(gr_json *w, const gr_source *s) {
  gr_json_begin_object(w);
  if (s->doc) {
    gr_json_key(w, "doc");
    gr_json_string(w, s->doc);
  }
  if (s->quote) {
    gr_json_key(w, "quote");
    gr_json_string(w, s->quote);
  }
  if (s->ref) {
    gr_json_key(w, "ref");
    gr_json_string(w, s->ref);
  }
  if (s->assumption) {
    gr_json_key(w, "assumption");
    gr_json_string(w, s->assumption);
  }
  gr_json_end_object(w);
}

void gr_json_sources(gr_json *w, const gr_sourcelist *l) {
  gr_json_begin_array(w);
  for (size_t i = 0; i < l->n; i++) gr_json_source(w, &l->items[i]);
  gr_json_end_array(w);
}

void gr_json_vocabularies(gr_json *w) {
  gr_json_begin_object(w);
  for (int t = 0; t < GR_T__COUNT; t++) {
    const gr_table *tab = gr_table_get((gr_table_id)t);
    gr_json_key(w, tab->name);
    gr_json_begin_object(w);
    gr_json_key(w, "title");
    gr_json_string(w, tab->title);
    gr_json_key(w, "ordered");
    gr_json_bool(w, tab->ordered);
    gr_json_key(w, "terms");
    gr_json_begin_array(w);
    for (size_t i = 0; i < tab->count; i++) {
      gr_json_begin_object(w);
      gr_json_key(w, "name");
      gr_json_string(w, tab->terms[i].name);
      gr_json_key(w, "definition");
      gr_json_string(w, tab->terms[i].definition);
      if (t == GR_T_OBLIGATION_KIND) {
        gr_json_key(w, "rank");
        gr_json_int(w, gr_obligation_kind_rank((int)i));
      }
      gr_json_end_object(w);
    }
    gr_json_end_array(w);
    gr_json_end_object(w);
  }
  gr_json_end_object(w);
}
