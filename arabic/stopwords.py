"""Words too common to search for, and the particles that attach to them."""

from .normalize import normalize

# Words too common to search for. They are left out of the index and of
# queries, so «الهجوم على غزة» is the phrase «هجوم غزه». (Normalized, «على» is
# also the name «علي»: the price of matching hamza-less, ى-for-ي typing.)
STOPWORDS = frozenset(
    normalize(word)
    for word in """
    في من على إلى عن أن إن أو أم ثم مع هذا هذه ذلك تلك هؤلاء أولئك التي الذي الذين اللذين
    اللتين اللواتي كان كانت يكون تكون قد لقد لا لم لن ما ماذا هل هو هي هم هن أنا نحن أنت
    أنتم بين حتى عند بعد قبل منذ كل أي غير بل لكن ولكن إذا إذ لو ليس لدى لها له لهم به بها
    فيه فيها منه منها عليه عليها عنه عنها إلا أما حيث كما مثل ضد خلال نحو يا أيضا
    """.split()
)
# Particles that attach to a stopword without changing it («وفي», «فقد»).
STOPWORD_PARTICLES = ("و", "ف")


def is_stopword(word):
    """True for a normalized word too common to search for, with or without و/ف."""
    if word in STOPWORDS:
        return True
    return word[:1] in STOPWORD_PARTICLES and word[1:] in STOPWORDS
