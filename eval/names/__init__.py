"""Name transliteration consistency and entity accuracy (the headline check).

``translit`` compares English and Arabic names on consonant skeletons (shared with the aligner),
``entities`` finds English names and the CLDR gazetteer, ``analysis`` produces the findings: it runs
the steps of ``resolve`` (which Arabic words render which name), ``substitutions`` and ``verdicts``
(what stands where a name is missing; accuracy, consistency) and ``findings``, over ``document``
(one document side's entities and shared state), ``spans``, ``forms``, ``scorer`` and ``glossary``.
"""

from eval.names.analysis import DEFAULTS, NameResult, analyse_names, cross_document_findings
from eval.names.translit import arabic_similarity, name_similarity, skeleton_ar, skeleton_en

__all__ = [
    "DEFAULTS",
    "NameResult",
    "analyse_names",
    "arabic_similarity",
    "cross_document_findings",
    "name_similarity",
    "skeleton_ar",
    "skeleton_en",
]
