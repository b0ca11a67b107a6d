"""One very long line (a hallucinated output) costs time linear in its length."""

import random
import time

from eval.checks.numbers import parse_arabic


def _line(n_words: int) -> str:
    rng = random.Random(1)
    words = ["قال", "الوزير", "في", "12", "مايو", "إن", "المحادثات", "ستستمر", "في", "يناير", "مع", "وفد", "من", "3", "دول"]
    return " ".join(rng.choice(words) for _ in range(n_words))


def test_number_and_month_parsing_is_linear_in_the_line():
    """The month matcher compared every month word with every number (150 s on 400,000 words)."""
    parse_arabic(_line(1000))

    def secs(n):
        t = time.perf_counter()
        nums = parse_arabic(_line(n))
        assert any(x.kind == "month" for x in nums)
        return time.perf_counter() - t

    small, large = secs(20_000), secs(160_000)
    assert large < 8 * 3 * small + 0.5, (small, large)
