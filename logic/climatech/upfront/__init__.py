"""What a customer's first message already says that a form would ask.

"je voudrais un rendez-vous samedi matin", "rappelez-moi au 06 12 34 56 78 demain vers 14h":
`extract` reads the details (phone, day, time, surface, part reference...) with the
project's own parsers, `prefill` turns them into the raw answers a form's validators accept,
so that the form asks only what is missing; `entity_values` gives the same values, unchecked,
as the NLU entities the forms map. Precision comes before recall: a value is kept only when
the message states it plainly, and two candidates that disagree leave it empty.
"""

from logic.climatech.upfront.details import Details, as_dict
from logic.climatech.upfront.entities import entity_values
from logic.climatech.upfront.extract import describes_problem, extract, problem_description
from logic.climatech.upfront.prefill import FORM_SLOTS, prefill

__all__ = [
    "FORM_SLOTS",
    "Details",
    "as_dict",
    "describes_problem",
    "entity_values",
    "extract",
    "prefill",
    "problem_description",
]
