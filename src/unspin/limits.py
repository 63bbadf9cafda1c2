"""Every size limit in one place, so the CLI, the server and the corpus agree.

Documented in the README's *Limits* section; change both together.
"""

from __future__ import annotations

#: Largest input file (or request body) read, in bytes. Bigger input is refused.
MAX_INPUT_BYTES = 20 * 1024 * 1024

#: Longest article body analysed, in characters (~ 25,000 words). Longer bodies are refused.
MAX_ARTICLE_CHARS = 200_000

#: Most direct quotes in one document whose speakers the learned attributor chooses; a document with
#: more (no real article: PTC's most quote-rich has ~60) keeps the rules' answers, whose cost grows
#: linearly, instead of the attributor's candidate pairs (a 50,000-character line of 1,000 quotes took
#: over 4 minutes).
MAX_LEARNED_QUOTES = 300

#: Largest web page extracted, in characters. Extraction time grows faster than the page: on a loaded
#: core 4 MB took ~11 s and 19 MB ~5 min, so a bigger page is refused rather than left to hang.
MAX_HTML_CHARS = 4_000_000

#: Largest single record of a JSONL/CSV batch, in characters.
MAX_RECORD_CHARS = MAX_ARTICLE_CHARS * 2
