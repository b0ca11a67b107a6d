"""Translation-QA checks beyond names: content (numbers, boilerplate, untranslated text, length,
repetition, negation), form (punctuation, quotes, whitespace, characters, empty text) and register
(MSA vs dialect). See :mod:`eval.checks.registry` for ids, configuration and :func:`run_checks`."""

from eval.checks.register import corpus_warnings
from eval.checks.registry import Check, Context, list_checks, registry, resolve_config, run_checks

__all__ = ["Check", "Context", "corpus_warnings", "list_checks", "registry", "resolve_config", "run_checks"]
