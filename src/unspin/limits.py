"""Every size limit in one place, so the CLI, the server and the corpus agree.

Documented in the README's *Limits* section; change both together.
"""

from __future__ import annotations

#: Largest input file (or request body) read, in bytes. Bigger input is refused.
MAX_INPUT_BYTES = 20 * 1024 * 1024

#: Longest article body analysed, in characters (~ 25,000 words). Longer bodies are refused.
MAX_ARTICLE_CHARS = 200_000

#: Largest single record of a JSONL/CSV batch, in characters.
MAX_RECORD_CHARS = MAX_ARTICLE_CHARS * 2
