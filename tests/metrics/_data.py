"""Made-up Arabic news sentences and seeded perturbations, for metric and significance tests.

Written for these tests (no shared data needed); systems are derived from the reference by dropping,
swapping and replacing words at fixed seeds, so they differ from it by known, varied amounts.
"""

from __future__ import annotations

import random

SENTENCES = [
    "قال وزير الخارجية إن المحادثات مع الوفد الأوروبي كانت بناءة ومثمرة.",
    "أعلنت الحكومة عن خطة جديدة لدعم الشركات الصغيرة والمتوسطة في المحافظات الجنوبية.",
    "ارتفعت أسعار النفط بنسبة ٣٪ بعد قرار منظمة أوبك خفض الإنتاج.",
    "هل ستنجح المفاوضات؟ يتساءل المراقبون عن فرص التوصل إلى اتفاق قبل نهاية العام.",
    "وصل الرئيس إلى القاهرة صباح الأحد في زيارة رسمية تستغرق يومين.",
    "أكدت وزارة الصحة تسجيل ١٢٠ إصابة جديدة، معظمها في العاصمة.",
    "قالت الشرطة إن الحادث وقع في ساعة مبكرة من صباح اليوم؛ ولم تسجل إصابات.",
    "فاز المنتخب الوطني على نظيره التونسي بهدفين مقابل هدف واحد.",
    "تشهد المنطقة موجة حر غير مسبوقة، ودعت السلطات المواطنين إلى البقاء في منازلهم.",
    "افتتح المتحف الجديد أبوابه أمام الزوار بعد عشر سنوات من أعمال البناء.",
    "أشار التقرير إلى أن معدل البطالة بين الشباب ما زال مرتفعا.",
    "وقع الجانبان مذكرة تفاهم للتعاون في مجالي الطاقة المتجددة والتعليم.",
    "قررت المحكمة تأجيل النظر في القضية إلى الشهر المقبل.",
    "يعقد مجلس الأمن جلسة طارئة مساء الثلاثاء لبحث الأوضاع الإنسانية.",
    "أطلقت الجامعة برنامجا لتدريب الطلاب على مهارات البرمجة والذكاء الاصطناعي.",
    "انخفضت قيمة العملة المحلية أمام الدولار للمرة الثالثة هذا الأسبوع.",
    "دعا الأمين العام للأمم المتحدة إلى وقف فوري لإطلاق النار.",
    "أظهرت الصور الملتقطة بالأقمار الصناعية حجم الدمار الذي خلفه الإعصار.",
    "قال المتحدث باسم الجيش: «لن نسمح بأي تهديد لأمن حدودنا».",
    "تستضيف المدينة مهرجانا ثقافيا يشارك فيه فنانون من ثلاثين دولة.",
]

FILLERS = ["الذي", "في", "على", "من", "إلى", "كما", "أيضا", "جديد", "اليوم", "وقال"]


def corpus(copies: int = 6) -> tuple[list[str], list[str]]:
    """(reference lines, document id per line): ``copies`` documents of the 20 sentences."""
    ref, docs = [], []
    for c in range(copies):
        for s in SENTENCES:
            ref.append(s)
            docs.append(f"doc{c}")
    return ref, docs


def perturb(lines: list[str], rate: float, seed: int) -> list[str]:
    """Drop, replace or swap words with probability ``rate`` each step (deterministic for a seed)."""
    rng = random.Random(seed)
    out = []
    for line in lines:
        words = line.split()
        new: list[str] = []
        for w in words:
            x = rng.random()
            if x < rate / 3:
                continue
            if x < 2 * rate / 3:
                new.append(rng.choice(FILLERS))
            else:
                new.append(w)
        if len(new) > 2 and rng.random() < rate:
            i = rng.randrange(len(new) - 1)
            new[i], new[i + 1] = new[i + 1], new[i]
        out.append(" ".join(new))
    return out


def systems(ref: list[str]) -> dict[str, list[str]]:
    """Four systems of different quality; the first is the baseline."""
    return {
        "base": perturb(ref, 0.30, 1),
        "close": perturb(ref, 0.28, 2),
        "better": perturb(ref, 0.10, 3),
        "worse": perturb(ref, 0.60, 4),
    }
