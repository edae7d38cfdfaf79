"""Ready-made games with known answers: textbook examples, poker, signaling games.

Every builder returns a fresh :class:`~gametheory.games.ExtensiveGame` or
:class:`~gametheory.games.StrategicGame`.

>>> from gametheory.catalog import entry_game, kuhn_poker, beer_quiche
>>> entry_game().players
('Entrant', 'Incumbent')
"""

from .classic import (EXAMPLES, centipede, entry_game, kuhn_poker, matching_pennies, prisoners_dilemma,
                      random_linear_tree, selten_horse)
from .poker import LEDUC_CARDS, leduc_poker
from .signaling import beer_quiche, spence_job_market, two_type_screening

__all__ = ["EXAMPLES", "LEDUC_CARDS", "beer_quiche", "centipede", "entry_game", "kuhn_poker", "leduc_poker",
           "matching_pennies", "prisoners_dilemma", "random_linear_tree", "selten_horse",
           "spence_job_market", "two_type_screening"]
