"""Words too common to search for, and the particles that attach to them."""

from .normalize import fold_hamza, normalize

# Words too common to search for, as written (hamza folded). They are left out
# of the index and of queries, so «الهجوم على غزة» is the phrase «هجوم غزة».
# «على» is one; the name «علي» is not (see `is_folded_stopword`).
STOPWORDS = frozenset(
    fold_hamza(word)
    for word in """
    في من على إلى عن أن إن أو أم ثم مع هذا هذه ذلك تلك هؤلاء أولئك التي الذي الذين اللذين
    اللتين اللواتي كان كانت يكون تكون قد لقد لا لم لن ما ماذا هل هو هي هم هن أنا نحن أنت
    أنتم بين حتى عند بعد قبل منذ كل أي غير بل لكن ولكن إذا إذ لو ليس لدى لها له لهم به بها
    فيه فيها منه منها عليه عليها عنه عنها إلا أما حيث كما مثل ضد خلال نحو يا أيضا
    """.split()
)
FOLDED_STOPWORDS = frozenset(normalize(word) for word in STOPWORDS)
# Particles that attach to a stopword without changing it («وفي», «فقد»).
STOPWORD_PARTICLES = ("و", "ف")


def _among(word, stopwords):
    if word in stopwords:
        return True
    return word[:1] in STOPWORD_PARTICLES and word[1:] in stopwords


def is_stopword(word):
    """True for a word (as search reads it) that is a stopword, with or without و/ف."""
    return _among(fold_hamza(word), STOPWORDS)


def is_folded_stopword(word):
    """True for a word that is a stopword once ى/ي and ة/ه are folded («علي», «الي»).

    Readers type «علي» for «على» and «الي» for «إلى», so a query leaves these
    out too, unless they are all it has: then «علي» is the name.
    """
    return _among(normalize(word), FOLDED_STOPWORDS)
