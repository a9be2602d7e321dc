"""What ranks a record higher than its plain match, in every backend.

- a word of the query in the record's title;
- a word typed with accents found with the same accents (a fixed EXACT_BONUS each), so
  records written as typed rank above those that match only once accents are folded;
- two words of the query side by side in the record, as they were typed (PAIR_BONUS).
  Vietnamese words are often two or three syllables (thương hiệu, hợp tác xã): records
  where the syllables form the word rank clearly above records where they are scattered
  ("thương mại … nhãn hiệu"); in English, "planting area" above the two words apart.
"""

import itertools
from dataclasses import dataclass

from .analysis import ENGLISH_STOP_WORDS, exact_word, fold, folded_word, has_accents, stem

EXACT_BONUS = 100.0
PAIR_BONUS = 60.0  # two typed words side by side in the record: more than one accent
MAX_PAIRS = 6


@dataclass(frozen=True)
class Pair:
    folded: tuple[str, str]  # as titles and Vietnamese text hold them
    stems: tuple[str, str] | None  # as English text holds them; None with a stop word


@dataclass(frozen=True)
class Bonuses:
    titles: tuple[str, ...]  # folded words, each once
    exact: tuple[str, ...]  # the accented words as the exact field holds them, each once
    pairs: tuple[Pair, ...]


def bonuses_for(words: tuple[str, ...]) -> Bonuses:
    """The bonuses of a query's typed words."""
    unique = list(dict.fromkeys(words))
    pairs = []
    for first, second in list(itertools.pairwise(words))[:MAX_PAIRS]:
        folded = (folded_word(first), folded_word(second))
        english = not {fold(first), fold(second)} & ENGLISH_STOP_WORDS
        pairs.append(Pair(folded, (stem(folded[0]), stem(folded[1])) if english else None))
    return Bonuses(
        titles=tuple(folded_word(w) for w in unique if fold(w)),
        exact=tuple(exact_word(w) for w in unique if has_accents(w)),
        pairs=tuple(pairs),
    )
