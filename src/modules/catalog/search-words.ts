// `q` is matched word by word: each word of q, split as the cards' words are (search_words_of, migration 0031), is
// matched against the catalogue's vocabulary (search_words) by pg_trgm's word similarity, so a typo still finds the
// words it is close to; search-query.ts then finds the cards holding those words (listing_cards.words, a GIN index).
import { sql, type SQL } from 'drizzle-orm'

/** A catalogue word that a word of q matches, and how similar they are (pg_trgm's word_similarity, 0–1). */
export interface WordMatch {
  word: string
  similarity: number
}

/** A word of q and the catalogue words it matches, most similar first; none: no card can match q. */
export interface QueryWord {
  word: string
  matches: WordMatch[]
}

export interface QueryWordRow {
  position: number
  query_word: string
  word: string | null
  similarity: number | null
}

/**
 * Each word of q with every vocabulary word it matches: by trigrams (`<%`: word_similarity at least pg_trgm's
 * word_similarity_threshold, 0.6 by default, answered by search_words_word_trgm_idx), or as the word q holds with two
 * neighbouring letters swapped (`langauges`: the commonest typo, which trigrams score only 0.43; one primary-key probe
 * per swap). A word with no match comes back once with a null match.
 */
export function queryWordsStatement(q: string): SQL {
  return sql`with q as (select word, position from unnest(search_words_of(${q})) with ordinality as q (word, position)),
    matched as (
      select q.position, w.word from q join search_words w on q.word <% w.word
      union
      select q.position, w.word from q join search_words w on w.word = any (array(
        select overlay(q.word placing substr(q.word, i + 1, 1) || substr(q.word, i, 1) from i for 2)
        from generate_series(1, length(q.word) - 1) as i))
    )
    select q.position::int as position, q.word as query_word, m.word, word_similarity(q.word, m.word) as similarity
    from q left join matched m on m.position = q.position
    order by q.position, similarity desc nulls last, m.word`
}

/** The rows of queryWordsStatement as q's words, in q's order. */
export function toQueryWords(rows: readonly QueryWordRow[]): QueryWord[] {
  const words = new Map<number, QueryWord>()
  for (const row of rows) {
    const position = Number(row.position)
    let queryWord = words.get(position)
    if (queryWord === undefined) {
      queryWord = { word: row.query_word, matches: [] }
      words.set(position, queryWord)
    }
    if (row.word !== null && row.similarity !== null) queryWord.matches.push({ word: row.word, similarity: Number(row.similarity) })
  }
  return [...words.values()]
}

/** The matches of one word of q grouped by similarity, most similar first. */
export function similarityTiers(queryWord: QueryWord): { similarity: number; words: string[] }[] {
  const tiers = new Map<number, string[]>()
  for (const match of queryWord.matches) tiers.set(match.similarity, [...(tiers.get(match.similarity) ?? []), match.word])
  return [...tiers.entries()].sort(([a], [b]) => b - a).map(([similarity, words]) => ({ similarity, words }))
}
