"""Who may do what with a person's learning: their quiz attempts are theirs alone (a mentor follows their progress
through the skills tracker, which mentoring/rules.py allows)."""

import rules

from cms.accounts.rules import is_owner

rules.add_perm("learning.read_quizattempt", is_owner)
